package org.secmlops.core.model;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.VersionDef;

/**
 * The two small Fashion-MNIST networks of the evaluation benchmark, with random but fixed weights (a SplitMix64
 * stream per tensor, uniform in ±sqrt(6 / fan-in); accuracy is near chance and does not matter for speed), written
 * as a hand-built TensorFlow SavedModel, a hand-written ONNX model and (through {@code make_fashion_torchscript.py})
 * TorchScript. The same weights give the same logits in every format.
 *
 * <ul>
 *   <li>MLP: {@code logits = relu(x W1 + b1) W2 + b2}, x of 784 values (a 28×28 image, row by row), 128 hidden;</li>
 *   <li>CNN: conv 3×3, 8 filters, valid → ReLU → max-pool 2×2 → flatten (channel, row, column) → dense 10.
 *       TensorFlow takes NHWC {@code [N, 28, 28, 1]}, ONNX and PyTorch NCHW {@code [N, 1, 28, 28]}; with one
 *       channel both are the same flat sample.</li>
 * </ul>
 */
final class FashionNets {
    static final int PIXELS = 28 * 28;
    static final int HIDDEN = 128;
    static final int CLASSES = 10;
    static final int FILTERS = 8;
    static final int POOLED = 13;
    static final int FEATURES = FILTERS * POOLED * POOLED;

    /** MLP weights: w1 [784, 128], b1, w2 [128, 10], b2. */
    final float[] w1 = random(1, PIXELS * HIDDEN, PIXELS);
    final float[] b1 = random(2, HIDDEN, PIXELS);
    final float[] w2 = random(3, HIDDEN * CLASSES, HIDDEN);
    final float[] b2 = random(4, CLASSES, HIDDEN);
    /** CNN weights: conv [8, 1, 3, 3] (OIHW), its bias, dense [1352, 10] over CHW-flattened features, its bias. */
    final float[] conv = random(5, FILTERS * 9, 9);
    final float[] convBias = random(6, FILTERS, 9);
    final float[] dense = random(7, FEATURES * CLASSES, FEATURES);
    final float[] denseBias = random(8, CLASSES, FEATURES);

    enum Net {
        MLP, CNN;

        String file() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The per-sample shape in the engine's layout. */
        long[] sampleShape(EngineKind engine) {
            if (this == MLP) {
                return new long[] {PIXELS};
            }
            return engine == EngineKind.TENSORFLOW ? new long[] {28, 28, 1} : new long[] {1, 28, 28};
        }
    }

    static float[] random(long seed, int n, int fanIn) {
        double limit = Math.sqrt(6.0 / fanIn);
        float[] out = new float[n];
        long state = seed * 0x632BE59BD9B4E019L;
        for (int i = 0; i < n; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            out[i] = (float) ((2 * ((z >>> 11) * 0x1.0p-53) - 1) * limit);
        }
        return out;
    }

    /** The logits computed in Java (reference for the engines). */
    float[] logits(Net net, float[] x) {
        float[] out = new float[CLASSES];
        if (net == Net.MLP) {
            float[] h = new float[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                double s = b1[j];
                for (int i = 0; i < PIXELS; i++) {
                    s += x[i] * w1[i * HIDDEN + j];
                }
                h[j] = (float) Math.max(0, s);
            }
            for (int c = 0; c < CLASSES; c++) {
                double s = b2[c];
                for (int j = 0; j < HIDDEN; j++) {
                    s += h[j] * w2[j * CLASSES + c];
                }
                out[c] = (float) s;
            }
            return out;
        }
        float[] features = new float[FEATURES];
        for (int o = 0; o < FILTERS; o++) {
            for (int ph = 0; ph < POOLED; ph++) {
                for (int pw = 0; pw < POOLED; pw++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int dh = 0; dh < 2; dh++) {
                        for (int dw = 0; dw < 2; dw++) {
                            int r = ph * 2 + dh;
                            int col = pw * 2 + dw;
                            double s = convBias[o];
                            for (int kh = 0; kh < 3; kh++) {
                                for (int kw = 0; kw < 3; kw++) {
                                    s += x[(r + kh) * 28 + col + kw] * conv[o * 9 + kh * 3 + kw];
                                }
                            }
                            best = Math.max(best, Math.max(0, s));
                        }
                    }
                    features[o * POOLED * POOLED + ph * POOLED + pw] = (float) best;
                }
            }
        }
        for (int c = 0; c < CLASSES; c++) {
            double s = denseBias[c];
            for (int f = 0; f < FEATURES; f++) {
                s += features[f] * dense[f * CLASSES + c];
            }
            out[c] = (float) s;
        }
        return out;
    }

    // ---- TensorFlow SavedModel ----

    /** The conv kernel in TensorFlow's HWIO layout. */
    float[] kernelHwio() {
        float[] hwio = new float[9 * FILTERS];
        for (int o = 0; o < FILTERS; o++) {
            for (int k = 0; k < 9; k++) {
                hwio[k * FILTERS + o] = conv[o * 9 + k];
            }
        }
        return hwio;
    }

    /**
     * The dense weights with rows for TensorFlow's flattening of the pooled [13, 13, 8] in (row, column, channel)
     * order.
     */
    float[] denseHwc() {
        float[] denseHwc = new float[FEATURES * CLASSES];
        for (int o = 0; o < FILTERS; o++) {
            for (int p = 0; p < POOLED * POOLED; p++) {
                System.arraycopy(dense, (o * POOLED * POOLED + p) * CLASSES, denseHwc, (p * FILTERS + o) * CLASSES,
                        CLASSES);
            }
        }
        return denseHwc;
    }

    /** Writes the net as a SavedModel (Const weights) with signature input {@code x}, output {@code logits}. */
    Path writeSavedModel(Net net, Path dir) throws IOException {
        GraphDef.Builder graph = GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(1645).build());
        long[] sample = net.sampleShape(EngineKind.TENSORFLOW);
        long[] batchShape = new long[sample.length + 1];
        batchShape[0] = -1;
        System.arraycopy(sample, 0, batchShape, 1, sample.length);
        graph.addNode(NodeDef.newBuilder().setName("x").setOp("Placeholder")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("shape", AttrValue.newBuilder().setShape(SavedModels.shape(batchShape)).build()));
        if (net == Net.MLP) {
            graph.addNode(SavedModels.constant("w1", w1, PIXELS, HIDDEN))
                    .addNode(SavedModels.constant("b1", b1, HIDDEN))
                    .addNode(SavedModels.op("MatMul", "xw1", "x", "w1"))
                    .addNode(SavedModels.op("BiasAdd", "z1", "xw1", "b1"))
                    .addNode(SavedModels.op("Relu", "h", "z1"))
                    .addNode(SavedModels.constant("w2", w2, HIDDEN, CLASSES))
                    .addNode(SavedModels.constant("b2", b2, CLASSES))
                    .addNode(SavedModels.op("MatMul", "hw2", "h", "w2"))
                    .addNode(SavedModels.op("BiasAdd", "z2", "hw2", "b2"));
        } else {
            float[] hwio = kernelHwio();
            float[] denseHwc = denseHwc();
            graph.addNode(SavedModels.constant("k", hwio, 3, 3, 1, FILTERS))
                    .addNode(SavedModels.op("Conv2D", "conv", "x", "k").toBuilder()
                            .putAttr("strides", ints(1, 1, 1, 1))
                            .putAttr("padding", AttrValue.newBuilder().setS(utf8("VALID")).build())
                            .putAttr("data_format", AttrValue.newBuilder().setS(utf8("NHWC")).build()).build())
                    .addNode(SavedModels.constant("kb", convBias, FILTERS))
                    .addNode(SavedModels.op("BiasAdd", "convb", "conv", "kb"))
                    .addNode(SavedModels.op("Relu", "act", "convb"))
                    .addNode(SavedModels.op("MaxPool", "pool", "act").toBuilder()
                            .putAttr("ksize", ints(1, 2, 2, 1))
                            .putAttr("strides", ints(1, 2, 2, 1))
                            .putAttr("padding", AttrValue.newBuilder().setS(utf8("VALID")).build()).build())
                    .addNode(NodeDef.newBuilder().setName("flat_shape").setOp("Const")
                            .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                            .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
                                    .setDtype(DataType.DT_INT32).setTensorShape(SavedModels.shape(2))
                                    .addIntVal(-1).addIntVal(FEATURES)).build()))
                    .addNode(SavedModels.op("Reshape", "flat", "pool", "flat_shape").toBuilder()
                            .putAttr("Tshape", AttrValue.newBuilder().setType(DataType.DT_INT32).build()).build())
                    .addNode(SavedModels.constant("wd", denseHwc, FEATURES, CLASSES))
                    .addNode(SavedModels.constant("bd", denseBias, CLASSES))
                    .addNode(SavedModels.op("MatMul", "fw", "flat", "wd"))
                    .addNode(SavedModels.op("BiasAdd", "z2", "fw", "bd"));
        }
        graph.addNode(SavedModels.op("Identity", "logits", "z2"));
        SignatureDef signature = SignatureDef.newBuilder()
                .setMethodName("tensorflow/serving/predict")
                .putInputs("x", TensorInfo.newBuilder().setName("x:0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(SavedModels.shape(batchShape)).build())
                .putOutputs("logits", TensorInfo.newBuilder().setName("logits:0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(SavedModels.shape(-1, CLASSES)).build())
                .build();
        MetaGraphDef meta = MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve").build())
                .setGraphDef(graph)
                .putSignatureDef("serving_default", signature)
                .build();
        Files.createDirectories(dir);
        Files.write(dir.resolve("saved_model.pb"),
                SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(meta).build().toByteArray());
        return dir;
    }

    private static AttrValue ints(long... values) {
        AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
        for (long v : values) {
            list.addI(v);
        }
        return AttrValue.newBuilder().setList(list).build();
    }

    private static com.google.protobuf.ByteString utf8(String s) {
        return com.google.protobuf.ByteString.copyFromUtf8(s);
    }

    // ---- ONNX ----

    private static final int ONNX_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    /** Writes the net as ONNX (opset 13): input {@code x}, output {@code logits}. */
    Path writeOnnx(Net net, Path file) throws IOException {
        long[] sample = net.sampleShape(EngineKind.ONNX);
        ByteString graph = OnnxModels.message(g -> {
            if (net == Net.MLP) {
                g.writeBytes(1, node("MatMul", List.of("x", "w1"), "xw1"));
                g.writeBytes(1, node("Add", List.of("xw1", "b1"), "z1"));
                g.writeBytes(1, node("Relu", List.of("z1"), "h"));
                g.writeBytes(1, node("MatMul", List.of("h", "w2"), "hw2"));
                g.writeBytes(1, node("Add", List.of("hw2", "b2"), "logits"));
            } else {
                g.writeBytes(1, node("Conv", List.of("x", "k", "kb"), "conv", intsAttr("kernel_shape", 3, 3)));
                g.writeBytes(1, node("Relu", List.of("conv"), "act"));
                g.writeBytes(1, node("MaxPool", List.of("act"), "pool", intsAttr("kernel_shape", 2, 2),
                        intsAttr("strides", 2, 2)));
                g.writeBytes(1, node("Flatten", List.of("pool"), "flat", intAttr("axis", 1)));
                g.writeBytes(1, node("MatMul", List.of("flat", "wd"), "fw"));
                g.writeBytes(1, node("Add", List.of("fw", "bd"), "logits"));
            }
            g.writeString(2, "fashion_" + net.file());
            if (net == Net.MLP) {
                g.writeBytes(5, OnnxModels.initializer("w1", w1, PIXELS, HIDDEN));
                g.writeBytes(5, OnnxModels.initializer("b1", b1, HIDDEN));
                g.writeBytes(5, OnnxModels.initializer("w2", w2, HIDDEN, CLASSES));
                g.writeBytes(5, OnnxModels.initializer("b2", b2, CLASSES));
            } else {
                g.writeBytes(5, OnnxModels.initializer("k", conv, FILTERS, 1, 3, 3));
                g.writeBytes(5, OnnxModels.initializer("kb", convBias, FILTERS));
                g.writeBytes(5, OnnxModels.initializer("wd", dense, FEATURES, CLASSES));
                g.writeBytes(5, OnnxModels.initializer("bd", denseBias, CLASSES));
            }
            g.writeBytes(11, valueInfo("x", sample));
            g.writeBytes(12, valueInfo("logits", new long[] {CLASSES}));
        });
        byte[] model = OnnxModels.toBytes(m -> {
            m.writeInt64(1, 8);
            m.writeString(2, "secmlops-benchmark");
            m.writeBytes(7, graph);
            m.writeBytes(8, OnnxModels.message(o -> {
                o.writeString(1, "");
                o.writeInt64(2, 13);
            }));
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, model);
        return file;
    }

    private static ByteString node(String op, List<String> inputs, String out, ByteString... attributes) {
        return OnnxModels.message(n -> {
            for (String input : inputs) {
                n.writeString(1, input);
            }
            n.writeString(2, out);
            n.writeString(3, out);
            n.writeString(4, op);
            for (ByteString attribute : attributes) {
                n.writeBytes(5, attribute);
            }
        });
    }

    private static ByteString intsAttr(String name, long... values) {
        return OnnxModels.message(a -> {
            a.writeString(1, name);
            for (long v : values) {
                a.writeInt64(8, v);
            }
            a.writeEnum(20, ATTR_INTS);
        });
    }

    private static ByteString intAttr(String name, long value) {
        return OnnxModels.message(a -> {
            a.writeString(1, name);
            a.writeInt64(3, value);
            a.writeEnum(20, ATTR_INT);
        });
    }

    private static ByteString valueInfo(String name, long[] sample) {
        ByteString shape = OnnxModels.message(s -> {
            s.writeBytes(1, OnnxModels.message(d -> d.writeString(2, "N")));
            for (long dim : sample) {
                s.writeBytes(1, OnnxModels.message(d -> d.writeInt64(1, dim)));
            }
        });
        ByteString tensor = OnnxModels.message(t -> {
            t.writeInt32(1, ONNX_FLOAT);
            t.writeBytes(2, shape);
        });
        return OnnxModels.message(v -> {
            v.writeString(1, name);
            v.writeBytes(2, OnnxModels.message(type -> type.writeBytes(1, tensor)));
        });
    }

    // ---- TorchScript ----

    /**
     * Writes the net as TorchScript with {@code make_fashion_torchscript.py} and Debian's {@code python3-torch}
     * ({@code /usr/bin/python3}); returns {@code null} with the reason on stderr when that is not available.
     */
    Path writeTorchScript(Net net, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path script = dir.resolve("make_fashion_torchscript.py");
        try (var in = FashionNets.class.getResourceAsStream("make_fashion_torchscript.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path weights = dir.resolve(net.file() + "-weights.txt");
        List<String> lines = new ArrayList<>();
        if (net == Net.MLP) {
            lines.add(line("w1", w1));
            lines.add(line("b1", b1));
            lines.add(line("w2", w2));
            lines.add(line("b2", b2));
        } else {
            lines.add(line("k", conv));
            lines.add(line("kb", convBias));
            lines.add(line("wd", dense));
            lines.add(line("bd", denseBias));
        }
        Files.write(weights, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("fashion-" + net.file() + ".pt");
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), net.file(), weights.toString(),
                out.toString()).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !Files.exists(out)) {
            System.err.println("No TorchScript " + net + " (needs /usr/bin/python3 with torch): " + log.strip());
            return null;
        }
        return out;
    }

    private static String line(String name, float[] values) {
        StringBuilder s = new StringBuilder(name);
        for (float v : values) {
            s.append(' ').append(Float.toString(v));
        }
        return s.toString();
    }
}
