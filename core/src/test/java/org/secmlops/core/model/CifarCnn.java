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
 * A CIFAR-sized convolutional network for benchmarks, as a SavedModel with fixed random (He-scaled) weights: 32×32×3
 * input (flat, NHWC) → conv 3×3×32 → ReLU → max-pool 2 → conv 3×3×64 → ReLU → max-pool 2 → dense 4096-10; about 5.6
 * million multiply-adds per sample.
 */
final class CifarCnn {
    static final int INPUTS = 32 * 32 * 3;

    private CifarCnn() {
    }

    static Path write(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        GraphDef.Builder graph = GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(1645).build())
                .addNode(SavedModels.placeholder("x", INPUTS))
                .addNode(intConstant("image_shape", -1, 32, 32, 3))
                .addNode(reshape("image", "x", "image_shape"))
                .addNode(SavedModels.constant("k1", he(random, 3 * 3 * 3 * 32, 27), 3, 3, 3, 32))
                .addNode(conv("c1", "image", "k1"))
                .addNode(SavedModels.op("Relu", "r1", "c1"))
                .addNode(pool("p1", "r1"))
                .addNode(SavedModels.constant("k2", he(random, 3 * 3 * 32 * 64, 288), 3, 3, 32, 64))
                .addNode(conv("c2", "p1", "k2"))
                .addNode(SavedModels.op("Relu", "r2", "c2"))
                .addNode(pool("p2", "r2"))
                .addNode(intConstant("flat_shape", -1, 4096))
                .addNode(reshape("flat", "p2", "flat_shape"))
                .addNode(SavedModels.constant("wd", he(random, 4096 * 10, 4096), 4096, 10))
                .addNode(SavedModels.op("MatMul", "dense", "flat", "wd"))
                .addNode(SavedModels.op("Identity", "logits", "dense"));
        return SavedModels.write(dir, graph.build(), "x", INPUTS, "logits");
    }

    private static float[] he(SplittableRandom random, int n, int fanIn) {
        float[] w = new float[n];
        double scale = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
            w[i] = (float) (random.nextGaussian() * scale);
        }
        return w;
    }

    private static NodeDef conv(String name, String input, String kernel) {
        return SavedModels.op("Conv2D", name, input, kernel).toBuilder()
                .putAttr("strides", ints(1, 1, 1, 1))
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
