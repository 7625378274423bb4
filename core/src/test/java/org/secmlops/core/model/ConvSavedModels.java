package org.secmlops.core.model;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.VersionDef;

/**
 * Convolutional benchmark networks as SavedModels with fixed random (He-scaled) weights and no biases, inputs flat
 * and reshaped to NHWC; the same architectures as {@code benchmark_nets.py} writes for PyTorch and ONNX.
 */
final class ConvSavedModels {
    static final int CIFAR_INPUTS = 32 * 32 * 3;

    private ConvSavedModels() {
    }

    /**
     * CIFAR-sized CNN: 32×32×3 → conv 3×3×32 → ReLU → max-pool 2 → conv 3×3×64 → ReLU → max-pool 2 → dense
     * 4096-10; about 5.6 million multiply-adds per sample.
     */
    static Path cifarCnn(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        GraphDef.Builder graph = start(CIFAR_INPUTS, 32, 32, 3)
                .addNode(SavedModels.constant("k1", he(random, 3 * 3 * 3 * 32, 27), 3, 3, 3, 32))
                .addNode(conv("c1", "image", "k1", 1))
                .addNode(SavedModels.op("Relu", "r1", "c1"))
                .addNode(pool("p1", "r1"))
                .addNode(SavedModels.constant("k2", he(random, 3 * 3 * 32 * 64, 288), 3, 3, 32, 64))
                .addNode(conv("c2", "p1", "k2", 1))
                .addNode(SavedModels.op("Relu", "r2", "c2"))
                .addNode(pool("p2", "r2"));
        return dense(graph, random, "p2", 4096, dir, CIFAR_INPUTS);
    }

    /** Digits CNN: 8×8×1 → conv 3×3×16 → ReLU → conv 3×3×32 → ReLU → max-pool 2 → dense 512-10. */
    static Path digitsCnn(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(12);
        GraphDef.Builder graph = start(64, 8, 8, 1)
                .addNode(SavedModels.constant("k1", he(random, 3 * 3 * 16, 9), 3, 3, 1, 16))
                .addNode(conv("c1", "image", "k1", 1))
                .addNode(SavedModels.op("Relu", "r1", "c1"))
                .addNode(SavedModels.constant("k2", he(random, 3 * 3 * 16 * 32, 144), 3, 3, 16, 32))
                .addNode(conv("c2", "r1", "k2", 1))
                .addNode(SavedModels.op("Relu", "r2", "c2"))
                .addNode(pool("p2", "r2"));
        return dense(graph, random, "p2", 512, dir, 64);
    }

    /**
     * CIFAR-sized residual network (ResNet-style, 8 layers): 32×32×3 → conv 3×3×16 → ReLU → three stages of one
     * basic block (16, 32 and 64 filters; the last two stride 2 with a 1×1 projection shortcut) → global average pool
     * → dense 64-10; about 12.5 million multiply-adds per sample.
     */
    static Path cifarResNet(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(13);
        GraphDef.Builder graph = start(CIFAR_INPUTS, 32, 32, 3)
                .addNode(SavedModels.constant("k0", he(random, 3 * 3 * 3 * 16, 27), 3, 3, 3, 16))
                .addNode(conv("c0", "image", "k0", 1))
                .addNode(SavedModels.op("Relu", "r0", "c0"));
        String h = block(graph, random, "s1", "r0", 16, 16, 1);
        h = block(graph, random, "s2", h, 16, 32, 2);
        h = block(graph, random, "s3", h, 32, 64, 2);
        graph.addNode(intConstant("spatial", 1, 2))
                .addNode(SavedModels.op("Mean", "gap", h, "spatial").toBuilder()
                        .putAttr("Tidx", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                        .putAttr("keep_dims", AttrValue.newBuilder().setB(false).build()).build());
        return dense(graph, random, "gap", 64, dir, CIFAR_INPUTS);
    }

    private static String block(GraphDef.Builder graph, SplittableRandom random, String name, String input, int in,
            int out, int stride) {
        graph.addNode(SavedModels.constant(name + "_ka", scaled(he(random, 9 * in * out, 9 * in), 0.5f), 3, 3, in, out))
                .addNode(conv(name + "_a", input, name + "_ka", stride))
                .addNode(SavedModels.op("Relu", name + "_ra", name + "_a"))
                .addNode(SavedModels.constant(name + "_kb", scaled(he(random, 9 * out * out, 9 * out), 0.5f), 3, 3,
                        out, out))
                .addNode(conv(name + "_b", name + "_ra", name + "_kb", 1));
        String shortcut = input;
        if (stride != 1) {
            graph.addNode(SavedModels.constant(name + "_kp", he(random, in * out, in), 1, 1, in, out))
                    .addNode(conv(name + "_p", input, name + "_kp", stride));
            shortcut = name + "_p";
        }
        graph.addNode(SavedModels.op("AddV2", name + "_sum", name + "_b", shortcut))
                .addNode(SavedModels.op("Relu", name + "_out", name + "_sum"));
        return name + "_out";
    }

    private static GraphDef.Builder start(int inputs, int height, int width, int channels) {
        return GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(1645).build())
                .addNode(SavedModels.placeholder("x", inputs))
                .addNode(intConstant("image_shape", -1, height, width, channels))
                .addNode(reshape("image", "x", "image_shape"));
    }

    private static Path dense(GraphDef.Builder graph, SplittableRandom random, String input, int features, Path dir,
            int inputs) throws IOException {
        graph.addNode(intConstant("flat_shape", -1, features))
                .addNode(reshape("flat", input, "flat_shape"))
                .addNode(SavedModels.constant("wd", he(random, features * 10, features), features, 10))
                .addNode(SavedModels.op("MatMul", "dense", "flat", "wd"))
                .addNode(SavedModels.op("Identity", "logits", "dense"));
        return SavedModels.write(dir, graph.build(), "x", inputs, "logits");
    }

    private static float[] scaled(float[] w, float factor) {
        for (int i = 0; i < w.length; i++) {
            w[i] *= factor;
        }
        return w;
    }

    private static float[] he(SplittableRandom random, int n, int fanIn) {
        float[] w = new float[n];
        double scale = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
            w[i] = (float) (random.nextGaussian() * scale);
        }
        return w;
    }

    private static NodeDef conv(String name, String input, String kernel, int stride) {
        return SavedModels.op("Conv2D", name, input, kernel).toBuilder()
                .putAttr("strides", ints(1, stride, stride, 1))
                .putAttr("padding", text("SAME"))
                .putAttr("data_format", text("NHWC")).build();
    }

    private static NodeDef pool(String name, String input) {
        return SavedModels.op("MaxPool", name, input).toBuilder()
                .putAttr("ksize", ints(1, 2, 2, 1))
                .putAttr("strides", ints(1, 2, 2, 1))
                .putAttr("padding", text("VALID")).build();
    }

    private static NodeDef reshape(String name, String input, String shape) {
        return SavedModels.op("Reshape", name, input, shape).toBuilder()
                .putAttr("Tshape", AttrValue.newBuilder().setType(DataType.DT_INT32).build()).build();
    }

    private static NodeDef intConstant(String name, int... values) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                .setTensorShape(SavedModels.shape(values.length));
        for (int v : values) {
            tensor.addIntVal(v);
        }
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(tensor).build()).build();
    }

    private static AttrValue ints(long... values) {
        AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
        for (long v : values) {
            list.addI(v);
        }
        return AttrValue.newBuilder().setList(list).build();
    }

    private static AttrValue text(String value) {
        return AttrValue.newBuilder().setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }
}
