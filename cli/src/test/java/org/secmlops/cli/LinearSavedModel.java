package org.secmlops.cli;

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

/**
 * A hand-built TensorFlow SavedModel computing {@code logits = x W} with {@code W = [[w, -w], [-w, w]]}: class 0
 * when {@code x0 > x1}. Built from TensorFlow's own protobuf classes, so the engine loads a real SavedModel.
 */
final class LinearSavedModel {
    private LinearSavedModel() {
    }

    /** Writes the model to {@code directory/model/} and returns that folder. */
    static Path write(Path directory, float w) throws IOException {
        TensorProto weights = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(2, 2))
                .addFloatVal(w).addFloatVal(-w).addFloatVal(-w).addFloatVal(w).build();
        AttrValue f = AttrValue.newBuilder().setType(DataType.DT_FLOAT).build();
        GraphDef graph = GraphDef.newBuilder()
                .addNode(NodeDef.newBuilder().setName("x").setOp("Placeholder").putAttr("dtype", f)
                        .putAttr("shape", AttrValue.newBuilder().setShape(shape(-1, 2)).build()))
                .addNode(NodeDef.newBuilder().setName("w").setOp("Const").putAttr("dtype", f)
                        .putAttr("value", AttrValue.newBuilder().setTensor(weights).build()))
                .addNode(NodeDef.newBuilder().setName("logits").setOp("MatMul").addInput("x").addInput("w")
                        .putAttr("T", f))
                .build();
        SignatureDef signature = SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict")
                .putInputs("x", TensorInfo.newBuilder().setName("x:0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(shape(-1, 2)).build())
                .putOutputs("logits", TensorInfo.newBuilder().setName("logits:0").setDtype(DataType.DT_FLOAT).build())
                .build();
        SavedModel model = SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve")).setGraphDef(graph)
                .putSignatureDef("serving_default", signature)).build();
        Path modelDir = Files.createDirectories(directory.resolve("model"));
        Files.write(modelDir.resolve("saved_model.pb"), model.toByteArray());
        return modelDir;
    }

    private static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return shape.build();
    }
}
