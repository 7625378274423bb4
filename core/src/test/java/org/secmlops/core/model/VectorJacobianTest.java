package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * The vector–Jacobian product on the digits MLP: with the upstream softmax(logits) − one-hot(label) it is the
 * cross-entropy's input gradient, which the engines and the analytic gradient already agree on; with any other
 * upstream it is linear in it.
 */
class VectorJacobianTest {
    @TempDir
    static Path dir;
    static Digits digits;
    static DigitsMlp mlp;
    static Path savedModel;
    static Path torchScript;
    static Path onnx;
    static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void writeModels() throws IOException {
        digits = Digits.load();
        mlp = DigitsMlp.committed();
        DigitsMlpFiles files = DigitsMlpFiles.write(dir, mlp);
        savedModel = files.savedModel();
        onnx = files.onnx();
        torchScript = files.torchScript();
    }

    static LoadedModel load(Path model) throws ModelException {
        return new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::add), progress::add)
                .load(ModelSpec.of(model));
    }

    @Test
    void withTheCrossEntropysUpstreamItShouldBeTheAnalyticInputGradient() throws Exception {
        float[][] batch = digits.rows(200, 205);
        int[] labels = digits.labels(200, 205);
        for (Path model : List.of(savedModel, torchScript)) {
            try (LoadedModel loaded = load(model)) {
                assertThat(loaded.supportsVectorJacobian()).isTrue();
                OutputsAndGradient result = loaded.vectorJacobian(batch, outputs -> {
                    float[][] u = new float[outputs.length][];
                    for (int i = 0; i < outputs.length; i++) {
                        u[i] = Softmax.of(outputs[i]);
                        u[i][labels[i]] -= 1;
                    }
                    return u;
                });
                assertThat(result.outputs()).isDeepEqualTo(loaded.predict(batch));
                for (int i = 0; i < batch.length; i++) {
                    double[] expected = mlp.inputGradient(batch[i], labels[i]);
                    for (int k = 0; k < DigitsMlp.INPUTS; k++) {
                        assertThat((double) result.gradient()[i][k]).as("%s sample %d pixel %d", model, i, k)
                                .isCloseTo(expected[k], within(1e-5 + 1e-4 * Math.abs(expected[k])));
                    }
                }
            }
        }
    }

    @Test
    void itShouldBeLinearInTheUpstreamAndZeroForAZeroUpstream() throws Exception {
        float[][] batch = digits.rows(0, 2);
        for (Path model : List.of(savedModel, torchScript)) {
            try (LoadedModel loaded = load(model)) {
                float[][] one = loaded.vectorJacobian(batch, out -> upstream(out, 1f)).gradient();
                float[][] three = loaded.vectorJacobian(batch, out -> upstream(out, 3f)).gradient();
                float[][] zero = loaded.vectorJacobian(batch, out -> upstream(out, 0f)).gradient();
                for (int i = 0; i < batch.length; i++) {
                    for (int k = 0; k < one[i].length; k++) {
                        assertThat(three[i][k]).isCloseTo(3 * one[i][k], within(1e-5f + 1e-5f * Math.abs(one[i][k])));
                        assertThat(zero[i][k]).isZero();
                    }
                }
                assertThatThrownBy(() -> loaded.vectorJacobian(batch, out -> new float[][] {new float[3]}))
                        .isInstanceOf(ModelException.class).hasMessageContaining("rows for 2 outputs");
            }
        }
        try (LoadedModel ort = load(onnx)) {
            assertThat(ort.supportsVectorJacobian()).isFalse();
            assertThatThrownBy(() -> ort.vectorJacobian(batch, out -> out))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aSavedModelWithAThreeDimensionalOutputShouldTakeItsUpstreamInThatShape() throws Exception {
        // the MLP's logits reshaped to [N, 5, 2], as a detector's [N, K, 5 + C] output is laid out
        Path reshaped = writeReshapedMlp(dir.resolve("reshaped"));
        float[][] batch = digits.rows(300, 303);
        int[] labels = digits.labels(300, 303);
        try (LoadedModel loaded = load(reshaped)) {
            OutputsAndGradient result = loaded.vectorJacobian(batch, outputs -> {
                float[][] u = new float[outputs.length][];
                for (int i = 0; i < outputs.length; i++) {
                    u[i] = Softmax.of(outputs[i]);
                    u[i][labels[i]] -= 1;
                }
                return u;
            });
            assertThat(result.outputs()[0]).hasSize(DigitsMlp.CLASSES);
            for (int i = 0; i < batch.length; i++) {
                double[] expected = mlp.inputGradient(batch[i], labels[i]);
                for (int k = 0; k < DigitsMlp.INPUTS; k++) {
                    assertThat((double) result.gradient()[i][k]).isCloseTo(expected[k],
                            within(1e-5 + 1e-4 * Math.abs(expected[k])));
                }
            }
        }
    }

    private static Path writeReshapedMlp(Path target) throws IOException {
        TensorProto.Builder shape = TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                .setTensorShape(SavedModels.shape(3)).addIntVal(-1).addIntVal(5).addIntVal(2);
        GraphDef graph = GraphDef.newBuilder()
                .setVersions(VersionDef.newBuilder().setProducer(1645).build())
                .addNode(SavedModels.placeholder("x", DigitsMlp.INPUTS))
                .addNode(SavedModels.constant("w1", mlp.w1, DigitsMlp.INPUTS, DigitsMlp.HIDDEN))
                .addNode(SavedModels.constant("b1", mlp.b1, DigitsMlp.HIDDEN))
                .addNode(SavedModels.op("MatMul", "xw1", "x", "w1"))
                .addNode(SavedModels.op("BiasAdd", "z1", "xw1", "b1"))
                .addNode(SavedModels.op("Relu", "h", "z1"))
                .addNode(SavedModels.constant("w2", mlp.w2, DigitsMlp.HIDDEN, DigitsMlp.CLASSES))
                .addNode(SavedModels.constant("b2", mlp.b2, DigitsMlp.CLASSES))
                .addNode(SavedModels.op("MatMul", "hw2", "h", "w2"))
                .addNode(SavedModels.op("BiasAdd", "z2", "hw2", "b2"))
                .addNode(NodeDef.newBuilder().setName("shape").setOp("Const")
                        .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                        .putAttr("value", AttrValue.newBuilder().setTensor(shape).build()))
                .addNode(NodeDef.newBuilder().setName("detections").setOp("Reshape").addInput("z2").addInput("shape")
                        .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                        .putAttr("Tshape", AttrValue.newBuilder().setType(DataType.DT_INT32).build()))
                .build();
        SignatureDef signature = SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict")
                .putInputs("x", TensorInfo.newBuilder().setName("x:0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(SavedModels.shape(-1, DigitsMlp.INPUTS)).build())
                .putOutputs("detections", TensorInfo.newBuilder().setName("detections:0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(SavedModels.shape(-1, 5, 2)).build())
                .build();
        MetaGraphDef meta = MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve").build())
                .setGraphDef(graph).putSignatureDef("serving_default", signature).build();
        Files.createDirectories(target);
        Files.write(target.resolve("saved_model.pb"), SavedModel.newBuilder().setSavedModelSchemaVersion(1)
                .addMetaGraphs(meta).build().toByteArray());
        return target;
    }

    private static float[][] upstream(float[][] outputs, float scale) {
        float[][] u = new float[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            u[i] = new float[outputs[i].length];
            for (int c = 0; c < u[i].length; c++) {
                u[i][c] = scale * (c % 3 - 1);
            }
        }
        return u;
    }
}
