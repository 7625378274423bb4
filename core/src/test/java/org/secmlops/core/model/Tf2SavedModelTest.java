package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.scan.ModelScanner;
import org.secmlops.core.scan.ScanLimits;
import org.secmlops.core.scan.ScanPolicy;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SavedModel;

/**
 * SavedModels laid out as TensorFlow 2 writes them (resource variables restored from a checkpoint written by
 * TensorFlow, a {@code serving_default} signature whose output comes out of {@code StatefulPartitionedCall}) load,
 * predict like their ONNX and TorchScript twins, and give input gradients, penultimate activations and attack steps.
 */
class Tf2SavedModelTest {
    @TempDir
    static Path dir;
    static Digits digits;
    static DigitsMlp mlp;
    static FashionNets nets;
    static Path mlpModel;
    static Path cnnModel;
    static LoadedModel mlpTf2;
    static LoadedModel cnnTf2;
    static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void writeAndLoad() throws Exception {
        digits = Digits.load();
        mlp = DigitsMlp.committed();
        nets = new FashionNets();
        mlpModel = Tf2SavedModels.writeDigitsMlp(dir.resolve("mlp"), mlp);
        cnnModel = Tf2SavedModels.writeFashionCnn(dir.resolve("cnn"), nets);
        mlpTf2 = load(ModelSpec.of(mlpModel));
        cnnTf2 = load(ModelSpec.of(cnnModel));
    }

    @AfterAll
    static void close() {
        mlpTf2.close();
        cnnTf2.close();
    }

    static LoadedModel load(ModelSpec spec) throws ModelException {
        return new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::add), progress::add).load(spec);
    }

    static float[][] images(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][FashionNets.PIXELS];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextFloat();
            }
        }
        return x;
    }

    @Test
    void weightsShouldLiveInTheCheckpointTensorFlowWroteNotInTheGraph() throws Exception {
        Path variables = cnnModel.resolve("variables");
        assertThat(Files.exists(variables.resolve("variables.index"))).isTrue();
        long floats = 9L * FashionNets.FILTERS + FashionNets.FILTERS + (long) FashionNets.FEATURES * FashionNets.CLASSES
                + FashionNets.CLASSES;
        assertThat(Files.size(variables.resolve("variables.data-00000-of-00001"))).isEqualTo(floats * Float.BYTES);
        assertThat(Files.size(cnnModel.resolve("saved_model.pb"))).isLessThan(floats * Float.BYTES / 4);

        Files.copy(mlpModel.resolve("saved_model.pb"), Files.createDirectories(dir.resolve("no-variables"))
                .resolve("saved_model.pb"));
        try (LoadedModel empty = load(ModelSpec.of(dir.resolve("no-variables")))) {
            assertThatThrownBy(() -> empty.predict(digits.rows(0, 1))).isInstanceOf(ModelException.class)
                    .hasMessageContaining("uninitialized");
        }
    }

    @Test
    void shouldReadTheInputShapeAndTheClassesFromTheSignature() throws Exception {
        assertThat(mlpTf2.inputName()).isEqualTo(Tf2SavedModels.INPUT + ":0");
        assertThat(mlpTf2.outputName()).isEqualTo(Tf2SavedModels.CALL + ":0");
        cnnTf2.predict(images(1, 1));
        assertThat(cnnTf2.sampleShape()).containsExactly(28, 28, 1);
        assertThatThrownBy(() -> mlpTf2.outputsAndGradient(digits.rows(0, 1), new int[] {DigitsMlp.CLASSES}))
                .isInstanceOf(ModelException.class).hasMessageContaining("outside the model's 10 outputs");
    }

    @Test
    void shouldReportTheSignatureAndTheKerasNameAndTolerateMissingOrBrokenMetadata() throws Exception {
        assertThat(progress).contains("signature input " + Tf2SavedModels.INPUT + ":0 [-1, 64], output "
                + Tf2SavedModels.CALL + ":0 [-1, 10] (10 classes); its function copied into the graph as "
                + TfFunctionInliner.PREFIX + "/" + Tf2SavedModels.CALL + "/Identity:0; Keras model 'digits_mlp' (Keras 2.15.0), fingerprint checksum 1589844661");
        assertThat(SavedModelMetadata.read(cnnModel).kerasName()).isEqualTo("fashion_cnn");

        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.copy(mlpModel.resolve("saved_model.pb"), bare.resolve("saved_model.pb"));
        assertThat(SavedModelMetadata.read(bare).describe()).isEmpty();
        Files.write(bare.resolve("fingerprint.pb"), new byte[] {(byte) 0xff, 1, 2});
        Files.write(bare.resolve("keras_metadata.pb"), new byte[] {10, 5, 42, 3, '{', 'x'});
        SavedModelMetadata broken = SavedModelMetadata.read(bare);
        assertThat(broken.kerasName()).isNull();
        assertThat(broken.checksum()).isNull();
        assertThat(broken.problems()).hasSize(2);
    }

    @Test
    void mlpShouldGiveTheLogitsOfItsTorchScriptAndOnnxTwins() throws Exception {
        float[][] batch = digits.rows(0, 64);
        float[][] tf2 = mlpTf2.predict(batch);
        Path onnx = OnnxModels.writeMlp(dir.resolve("twin/mlp.onnx"), mlp);
        for (Path twin : List.of(onnx, ModelTestAccess.digitsMlpTorchScript())) {
            try (LoadedModel other = load(ModelSpec.of(twin))) {
                assertClose(tf2, other.predict(batch), 1e-5f);
            }
        }
        for (int i = 0; i < batch.length; i++) {
            assertClose(new float[][] {tf2[i]}, new float[][] {mlp.logits(batch[i])}, 1e-5f);
        }
    }

    @Test
    void cnnShouldGiveTheLogitsOfItsOnnxTwin() throws Exception {
        float[][] batch = images(16, 3);
        float[][] tf2 = cnnTf2.predict(batch);
        try (LoadedModel onnx = load(ModelSpec.of(nets.writeOnnx(FashionNets.Net.CNN,
                dir.resolve("twin/cnn.onnx"))).withSampleShape(List.of(1, 28, 28)))) {
            assertClose(tf2, onnx.predict(batch), 1e-5f);
        }
        for (int i = 0; i < batch.length; i++) {
            assertClose(new float[][] {tf2[i]}, new float[][] {nets.logits(FashionNets.Net.CNN, batch[i])}, 1e-5f);
        }
    }

    @Test
    void mlpGradientsShouldMatchTheAnalyticGradientAndFiniteDifferences() throws Exception {
        float[][] batch = digits.rows(100, 108);
        int[] labels = digits.labels(100, 108);
        OutputsAndGradient both = mlpTf2.outputsAndGradient(batch, labels);
        assertThat(both.outputs()).isDeepEqualTo(mlpTf2.predict(batch));
        for (int i = 0; i < batch.length; i++) {
            double[] expected = mlp.inputGradient(batch[i], labels[i]);
            for (int k = 0; k < DigitsMlp.INPUTS; k++) {
                assertThat((double) both.gradient()[i][k]).as("sample %d pixel %d", i, k)
                        .isCloseTo(expected[k], within(1e-5 + 1e-4 * Math.abs(expected[k])));
            }
        }
        for (int i = 0; i < batch.length; i++) {
            FiniteDifferences.assertMatches(mlpTf2, batch[i], labels[i], both.gradient()[i], 1e-3f, 8, 1e-4, 0.05);
        }
    }

    @Test
    void cnnGradientsShouldEqualTheFrozenGraphTwinsAndTheAnalyticGradient() throws Exception {
        float[][] batch = images(4, 5);
        int[] labels = {0, 3, 7, 9};
        float[][] gradient = cnnTf2.inputGradient(batch, labels);
        try (LoadedModel frozen = load(ModelSpec.of(nets.writeSavedModel(FashionNets.Net.CNN, dir.resolve("frozen"))))) {
            assertClose(gradient, frozen.inputGradient(batch, labels), 1e-5f);
        }
        for (int i = 0; i < batch.length; i++) {
            double[] expected = cnnGradient(batch[i], labels[i]);
            for (int k = 0; k < FashionNets.PIXELS; k++) {
                assertThat((double) gradient[i][k]).as("sample %d pixel %d", i, k)
                        .isCloseTo(expected[k], within(1e-5 + 1e-4 * Math.abs(expected[k])));
            }
        }
    }

    @Test
    void shouldExposeThePenultimateActivationsFromInsideTheFunction() throws Exception {
        float[][] batch = digits.rows(0, 40);
        assertThat(mlpTf2.embeddingName()).startsWith(TfFunctionInliner.PREFIX + "/").endsWith("dense/Relu:0");
        OutputsAndEmbedding both = mlpTf2.predictWithEmbedding(batch);
        assertThat(both.outputs()).isDeepEqualTo(mlpTf2.predict(batch));
        for (int i = 0; i < batch.length; i++) {
            float[] hidden = mlp.hidden(batch[i]);
            for (int j = 0; j < DigitsMlp.HIDDEN; j++) {
                assertThat(both.embedding()[i][j]).isCloseTo(hidden[j], within(1e-5f * Math.max(1f, hidden[j])));
            }
        }
        assertThat(cnnTf2.embeddingName()).endsWith("flatten/Reshape:0");
        assertThat(cnnTf2.predictWithEmbedding(images(2, 9)).embedding()[1]).hasSize(FashionNets.FEATURES);
    }

    @Test
    void signStepsShouldMoveBySignOfTheGradientWithinTheBounds() throws Exception {
        float[][] x = digits.rows(0, 3);
        int[] y = digits.labels(0, 3);
        float[][] low = new float[3][];
        float[][] high = new float[3][];
        for (int k = 0; k < 3; k++) {
            low[k] = new float[DigitsMlp.INPUTS];
            high[k] = new float[DigitsMlp.INPUTS];
            for (int j = 0; j < DigitsMlp.INPUTS; j++) {
                low[k][j] = Math.max(0f, x[k][j] - 0.1f);
                high[k][j] = Math.min(1f, x[k][j] + 0.1f);
            }
        }
        OutputsAndGradient expected = mlpTf2.outputsAndGradient(x, y);
        try (SignSteps steps = mlpTf2.signSteps(x, low, high, x, y, 0.05f)) {
            float[] outputs = steps.outputsAndStep();
            assertThat(outputs).hasSize(3 * DigitsMlp.CLASSES);
            float[][] current = steps.current(new int[] {0, 1, 2});
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < DigitsMlp.INPUTS; j++) {
                    float moved = x[k][j] + Math.signum(expected.gradient()[k][j]) * 0.05f;
                    assertThat(current[k][j]).isEqualTo(Math.min(Math.max(moved, low[k][j]), high[k][j]));
                }
            }
        }
    }

    /** d CE / dx of the CNN by back-propagation in Java: dense, max-pool (to the argmax), ReLU, convolution. */
    @Test
    void scanShouldPassTheCleanModelsAndFindFileOpsHiddenInTheNestedFunction() throws Exception {
        for (Path clean : List.of(mlpModel, cnnModel)) {
            var report = new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults()).scan(clean, line -> { });
            assertThat(report.findings()).as("%s", clean).isEmpty();
            assertThat(report.filesScanned()).isEqualTo(5);
        }
        NodeDef path = Tf2SavedModels.stringConstant("path", List.of("/etc/passwd"), false);
        NodeDef read = NodeDef.newBuilder().setName("secret").setOp("ReadFile").addInput("path:output:0").build();
        NodeDef write = NodeDef.newBuilder().setName("drop").setOp("WriteFile").addInput("path:output:0")
                .addInput("secret:contents:0").build();
        NodeDef python = NodeDef.newBuilder().setName("callback").setOp("PyFunc").addInput("path:output:0").build();
        Path evil = Tf2SavedModels.writeDigitsMlp(dir.resolve("evil"), mlp, List.of(path, read, write, python));

        var report = new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults()).scan(evil, line -> { });

        String function = "function '__inference_digits_mlp_layer_call_and_return_conditional_losses_1105' ";
        assertThat(report.findings()).extracting(finding -> finding.location()).containsExactlyInAnyOrder(
                function + "node 'secret' (op ReadFile)", function + "node 'drop' (op WriteFile)",
                function + "node 'callback' (op PyFunc)");
        assertThatThrownBy(() -> load(ModelSpec.of(evil))).isInstanceOf(UnsafeModelException.class);
    }

    @Test
    void opsWithListInputsAndOutputsShouldBeCopiedWithTheirGroupsAndOffsets() throws Exception {
        float[][] batch = digits.rows(200, 216);
        int[] labels = digits.labels(200, 216);
        try (LoadedModel lists = load(ModelSpec.of(Tf2SavedModels.writeDigitsMlpWithListOps(dir.resolve("lists"),
                mlp, false)))) {
            assertThat(lists.predict(batch)).isDeepEqualTo(mlpTf2.predict(batch));
            assertThat(lists.inputGradient(batch, labels)).isDeepEqualTo(mlpTf2.inputGradient(batch, labels));
        }
        try (LoadedModel custom = load(ModelSpec.of(Tf2SavedModels.writeDigitsMlpWithListOps(dir.resolve("custom"),
                mlp, true)))) {
            assertThat(custom.predict(batch)).isDeepEqualTo(mlpTf2.predict(batch));
            assertThatThrownBy(() -> custom.inputGradient(batch, labels)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("TensorFlow cannot differentiate the model")
                    .hasMessageContaining("No gradient defined for op: IdentityN");
        }
    }

    @Test
    void aFunctionThatCannotBeCopiedShouldPredictThroughTheCallAndRefuseGradientsSayingWhy() throws Exception {
        Path polymorphic = Files.createDirectories(dir.resolve("polymorphic"));
        SavedModel saved = SavedModel.parseFrom(Files.readAllBytes(mlpModel.resolve("saved_model.pb")));
        MetaGraphDef.Builder meta = saved.getMetaGraphs(0).toBuilder();
        for (FunctionDef.Builder function : meta.getGraphDefBuilder().getLibraryBuilder().getFunctionBuilderList()) {
            if (function.getSignature().getName().contains("layer_call")) {
                function.getSignatureBuilder().addAttr(OpDef.AttrDef.newBuilder().setName("T").setType("type"));
                for (NodeDef.Builder node : function.getNodeDefBuilderList()) {
                    if (node.getOp().equals("Relu")) {
                        node.putAttr("T", AttrValue.newBuilder().setPlaceholder("T").build());
                    }
                }
            }
            for (NodeDef.Builder node : function.getNodeDefBuilderList()) {
                if (node.getOp().equals("StatefulPartitionedCall")) {
                    AttrValue.Builder f = node.getAttrOrThrow("f").toBuilder();
                    f.getFuncBuilder().putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build());
                    node.putAttr("f", f.build());
                }
            }
        }
        Files.write(polymorphic.resolve("saved_model.pb"), saved.toBuilder().setMetaGraphs(0, meta).build()
                .toByteArray());
        for (String file : List.of("variables.index", "variables.data-00000-of-00001")) {
            Files.copy(mlpModel.resolve("variables").resolve(file), Files.createDirectories(
                    polymorphic.resolve("variables")).resolve(file));
        }

        try (LoadedModel model = load(ModelSpec.of(polymorphic))) {
            float[][] batch = digits.rows(0, 4);
            assertClose(model.predict(batch), mlpTf2.predict(batch), 1e-6f);
            assertThat(model.embeddingName()).isNull();
            assertThatThrownBy(() -> model.inputGradient(batch, new int[] {0, 1, 2, 3}))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("TensorFlow cannot differentiate the model")
                    .hasMessageContaining("could not be copied into the graph: Cannot inline the function behind "
                            + Tf2SavedModels.CALL + ":0")
                    .hasMessageContaining("takes its attribute T from a function attribute");
        }
        assertThat(progress).anyMatch(line -> line.contains("its function could not be copied into the graph, so no"
                + " gradients"));
    }

    private static double[] cnnGradient(float[] x, int label) {
        int p = FashionNets.POOLED;
        float[] dz = DigitsMlp.softmax(nets.logits(FashionNets.Net.CNN, x));
        dz[label] -= 1f;
        double[] dx = new double[FashionNets.PIXELS];
        for (int o = 0; o < FashionNets.FILTERS; o++) {
            for (int ph = 0; ph < p; ph++) {
                for (int pw = 0; pw < p; pw++) {
                    double dFeature = 0;
                    for (int c = 0; c < FashionNets.CLASSES; c++) {
                        dFeature += (double) nets.dense[((o * p + ph) * p + pw) * FashionNets.CLASSES + c] * dz[c];
                    }
                    double best = Double.NEGATIVE_INFINITY;
                    int bestR = -1;
                    int bestC = -1;
                    for (int dh = 0; dh < 2; dh++) {
                        for (int dw = 0; dw < 2; dw++) {
                            double s = nets.convBias[o];
                            for (int kh = 0; kh < 3; kh++) {
                                for (int kw = 0; kw < 3; kw++) {
                                    s += x[(ph * 2 + dh + kh) * 28 + pw * 2 + dw + kw] * nets.conv[o * 9 + kh * 3 + kw];
                                }
                            }
                            if (s > best) {
                                best = s;
                                bestR = ph * 2 + dh;
                                bestC = pw * 2 + dw;
                            }
                        }
                    }
                    if (best > 0) {
                        for (int kh = 0; kh < 3; kh++) {
                            for (int kw = 0; kw < 3; kw++) {
                                dx[(bestR + kh) * 28 + bestC + kw] += nets.conv[o * 9 + kh * 3 + kw] * dFeature;
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    private static void assertClose(float[][] actual, float[][] expected, float tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < expected[i].length; c++) {
                assertThat(actual[i][c]).as("sample %d class %d", i, c)
                        .isCloseTo(expected[i][c], within(tolerance * Math.max(1f, Math.abs(expected[i][c]))));
            }
        }
    }
}
