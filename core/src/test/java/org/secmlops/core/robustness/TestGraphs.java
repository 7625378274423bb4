package org.secmlops.core.robustness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.secmlops.core.model.ModelTestAccess;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/** SavedModels written by hand for the robustness tests: Const weights, a serving signature, no variables. */
final class TestGraphs {
    private static final AttrValue FLOAT = AttrValue.newBuilder().setType(DataType.DT_FLOAT).build();

    private TestGraphs() {
    }

    /** Logistic regression {@code logits = x W + b}, W row-major [features x classes]. */
    static Path linear(Path dir, float[] w, float[] b, int features) throws IOException {
        int classes = b.length;
        GraphDef graph = GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(1645))
                .addNode(placeholder("x", features))
                .addNode(constant("w", w, features, classes))
                .addNode(constant("b", b, classes))
                .addNode(op("MatMul", "xw", "x", "w"))
                .addNode(op("BiasAdd", "logits", "xw", "b"))
                .build();
        return write(dir, graph, features, "logits");
    }

    /**
     * {@code logits = x W + relu(log(x)) W}: the same logits as {@link #linear} for inputs in [0, 1] (the second
     * term is 0), but the input gradient is NaN wherever an input is 0: the ReLU passes back an exact zero, which
     * the logarithm's gradient multiplies by {@code 1 / 0}.
     */
    static Path linearWithNanGradientAtZero(Path dir, float[] w, int features, int classes) throws IOException {
        GraphDef graph = GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(1645))
                .addNode(placeholder("x", features))
                .addNode(constant("w", w, features, classes))
                .addNode(op("MatMul", "xw", "x", "w"))
                .addNode(op("Log", "log", "x"))
                .addNode(op("Relu", "dead", "log"))
                .addNode(op("MatMul", "deadw", "dead", "w"))
                .addNode(op("AddV2", "logits", "xw", "deadw"))
                .build();
        return write(dir, graph, features, "logits");
    }

    /** What the digits MLP's input goes through first, and what its logits go through last. */
    enum Variant {
        /** The plain MLP. */
        PLAIN,
        /** Input binarized with Sign (zero gradient almost everywhere: gradient masking). */
        SIGN_INPUT,
        /** Logits turned into probabilities with Softmax. */
        SOFTMAX_OUTPUT
    }

    /** The committed digits MLP (64-16-10, ReLU) as a SavedModel, input {@code x} [-1, 64]. */
    static Path digitsMlp(Path dir, Variant variant) throws IOException {
        float[][] weights = ModelTestAccess.digitsMlpWeights();
        GraphDef.Builder graph = GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(1645))
                .addNode(placeholder("x", 64));
        String input = "x";
        if (variant == Variant.SIGN_INPUT) {
            graph.addNode(constant("half", new float[] {0.5f}))
                    .addNode(op("Sub", "centred", "x", "half"))
                    .addNode(op("Sign", "signs", "centred"))
                    .addNode(op("Mul", "scaled", "signs", "half"))
                    .addNode(op("AddV2", "binary", "scaled", "half"));
            input = "binary";
        }
        graph.addNode(constant("w1", weights[0], 64, 16))
                .addNode(constant("b1", weights[1], 16))
                .addNode(op("MatMul", "xw1", input, "w1"))
                .addNode(op("BiasAdd", "z1", "xw1", "b1"))
                .addNode(op("Relu", "h", "z1"))
                .addNode(constant("w2", weights[2], 16, 10))
                .addNode(constant("b2", weights[3], 10))
                .addNode(op("MatMul", "hw2", "h", "w2"))
                .addNode(op("BiasAdd", "z2", "hw2", "b2"))
                .addNode(op(variant == Variant.SOFTMAX_OUTPUT ? "Softmax" : "Identity", "logits", "z2"));
        return write(dir, graph.build(), 64, "logits");
    }

    /** A ReLU network {@code relu(x W1 + b1) W2 + b2} with the given row-major weights, input {@code x} [-1, inputs]. */
    static Path mlp(Path dir, float[] w1, float[] b1, float[] w2, float[] b2) throws IOException {
        int hidden = b1.length;
        int inputs = w1.length / hidden;
        int classes = b2.length;
        GraphDef graph = GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(1645))
                .addNode(placeholder("x", inputs))
                .addNode(constant("w1", w1, inputs, hidden))
                .addNode(constant("b1", b1, hidden))
                .addNode(op("MatMul", "xw1", "x", "w1"))
                .addNode(op("BiasAdd", "z1", "xw1", "b1"))
                .addNode(op("Relu", "h", "z1"))
                .addNode(constant("w2", w2, hidden, classes))
                .addNode(constant("b2", b2, classes))
                .addNode(op("MatMul", "hw2", "h", "w2"))
                .addNode(op("BiasAdd", "logits", "hw2", "b2"))
                .build();
        return write(dir, graph, inputs, "logits");
    }

    private static Path write(Path dir, GraphDef graph, int features, String output) throws IOException {
        SignatureDef signature = SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict")
                .putInputs("x", TensorInfo.newBuilder().setName("x:0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(shape(-1, features)).build())
                .putOutputs("logits", TensorInfo.newBuilder().setName(output + ":0").setDtype(DataType.DT_FLOAT)
                        .build())
                .build();
        SavedModel model = SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve")).setGraphDef(graph)
                .putSignatureDef("serving_default", signature)).build();
        Files.createDirectories(dir);
        Files.write(dir.resolve("saved_model.pb"), model.toByteArray());
        return dir;
    }

    private static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return shape.build();
    }

    private static NodeDef placeholder(String name, int features) {
        return NodeDef.newBuilder().setName(name).setOp("Placeholder").putAttr("dtype", FLOAT)
                .putAttr("shape", AttrValue.newBuilder().setShape(shape(-1, features)).build()).build();
    }

    private static NodeDef constant(String name, float[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(dims));
        for (float v : values) {
            tensor.addFloatVal(v);
        }
        return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", FLOAT)
                .putAttr("value", AttrValue.newBuilder().setTensor(tensor).build()).build();
    }

    private static NodeDef op(String type, String name, String... inputs) {
        NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp(type).putAttr("T", FLOAT);
        for (String input : inputs) {
            node.addInput(input);
        }
        if (type.equals("MatMul")) {
            node.putAttr("transpose_a", AttrValue.newBuilder().setB(false).build());
            node.putAttr("transpose_b", AttrValue.newBuilder().setB(false).build());
        }
        return node.build();
    }
}
