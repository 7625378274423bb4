package org.secmlops.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Writes SavedModels by hand: a graph of Const weights (no variables folder) and a serving signature. */
final class SavedModels {
    private SavedModels() {
    }

    /** The MLP as {@code logits = relu(x W1 + b1) W2 + b2}; input {@code x} [-1, 64], output {@code logits}. */
    static Path writeMlp(Path dir, DigitsMlp mlp) throws IOException {
        GraphDef graph = GraphDef.newBuilder()
                .setVersions(VersionDef.newBuilder().setProducer(1645).build())
                .addNode(placeholder("x", DigitsMlp.INPUTS))
                .addNode(constant("w1", mlp.w1, DigitsMlp.INPUTS, DigitsMlp.HIDDEN))
                .addNode(constant("b1", mlp.b1, DigitsMlp.HIDDEN))
                .addNode(op("MatMul", "xw1", "x", "w1"))
                .addNode(op("BiasAdd", "z1", "xw1", "b1"))
                .addNode(op("Relu", "h", "z1"))
                .addNode(constant("w2", mlp.w2, DigitsMlp.HIDDEN, DigitsMlp.CLASSES))
                .addNode(constant("b2", mlp.b2, DigitsMlp.CLASSES))
                .addNode(op("MatMul", "hw2", "h", "w2"))
                .addNode(op("BiasAdd", "z2", "hw2", "b2"))
                .addNode(op("Identity", "logits", "z2"))
                .build();
        return write(dir, graph, "x", DigitsMlp.INPUTS, "logits");
    }

    /** Writes {@code saved_model.pb} with the graph and a {@code serving_default} signature. */
    static Path write(Path dir, GraphDef graph, String input, int features, String output) throws IOException {
        SignatureDef signature = SignatureDef.newBuilder()
                .setMethodName("tensorflow/serving/predict")
                .putInputs("x", TensorInfo.newBuilder().setName(input + ":0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(shape(-1, features)).build())
                .putOutputs("logits", TensorInfo.newBuilder().setName(output + ":0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(shape(-1, DigitsMlp.CLASSES)).build())
                .build();
        MetaGraphDef meta = MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve").build())
                .setGraphDef(graph)
                .putSignatureDef("serving_default", signature)
                .build();
        SavedModel model = SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(meta).build();
        Files.createDirectories(dir);
        Files.write(dir.resolve("saved_model.pb"), model.toByteArray());
        return dir;
    }

    static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return shape.build();
    }

    static NodeDef placeholder(String name, int features) {
        return NodeDef.newBuilder().setName(name).setOp("Placeholder")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("shape", AttrValue.newBuilder().setShape(shape(-1, features)).build())
                .build();
    }

    static NodeDef constant(String name, float[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(dims));
        for (float v : values) {
            tensor.addFloatVal(v);
        }
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(tensor).build())
                .build();
    }

    static NodeDef op(String type, String name, String... inputs) {
        NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp(type)
                .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build());
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
