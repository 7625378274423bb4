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

/** Loads the same network as a SavedModel, TorchScript and ONNX and checks outputs and gradients. */
class ModelLoaderTest {
    @TempDir
    static Path dir;

    static Digits digits;
    static DigitsMlp mlp;
    static Path savedModel;
    static Path onnx;
    static Path torchScript;
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

    static LoadedModel load(ModelSpec spec) throws ModelException {
        return new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::add), progress::add).load(spec);
    }

    @Test
    void committedWeightsShouldBeTheOnesTrainingInJavaProduces() {
        DigitsMlp trained = DigitsMlp.train(digits, 300);
        assertThat(trained.toText()).isEqualTo(mlp.toText());
    }

    @Test
    void sameWeightsShouldGiveTheSameLogitsInEveryEngine() throws Exception {
        float[][] batch = digits.rows(0, 64);
        List<float[][]> outputs = new ArrayList<>();
        for (Path model : List.of(savedModel, torchScript, onnx)) {
            try (LoadedModel loaded = load(ModelSpec.of(model))) {
                outputs.add(loaded.predict(batch));
            }
        }
        for (int i = 0; i < batch.length; i++) {
            float[] expected = mlp.logits(batch[i]);
            for (float[][] output : outputs) {
                for (int c = 0; c < DigitsMlp.CLASSES; c++) {
                    assertThat(output[i][c]).isCloseTo(expected[c], within(1e-5f * Math.max(1f, Math.abs(expected[c]))));
                }
            }
        }
    }

    @Test
    void shouldReportEngineDeviceAndNames() throws Exception {
        try (LoadedModel tf = load(ModelSpec.of(savedModel).withDevice(DeviceChoice.AUTO))) {
            assertThat(tf.engine()).isEqualTo(EngineKind.TENSORFLOW);
            assertThat(tf.engineName()).isEqualTo("TensorFlow 2.16.1");
            assertThat(tf.device()).isEqualTo("cpu()");
            assertThat(tf.inputName()).isEqualTo("x:0");
            assertThat(tf.outputName()).isEqualTo("logits:0");
            assertThat(tf.supportsGradients()).isTrue();
        }
        try (LoadedModel ort = load(ModelSpec.of(onnx))) {
            assertThat(ort.engineName()).startsWith("OnnxRuntime");
            assertThat(ort.supportsGradients()).isFalse();
            assertThatThrownBy(() -> ort.inputGradient(digits.rows(0, 1), new int[] {0}))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(progress).anyMatch(line -> line.startsWith("engine TensorFlow: TensorFlow native 2.16.1"));
    }

    @Test
    void tensorFlowAndPyTorchGradientsShouldMatchTheAnalyticGradientAndFiniteDifferences() throws Exception {
        float[][] batch = digits.rows(100, 108);
        int[] labels = digits.labels(100, 108);
        for (Path model : List.of(savedModel, torchScript)) {
            try (LoadedModel loaded = load(ModelSpec.of(model))) {
                float[][] gradient = loaded.inputGradient(batch, labels);
                float[][] again = loaded.inputGradient(batch, labels);
                assertThat(again).isDeepEqualTo(gradient);
                for (int i = 0; i < batch.length; i++) {
                    double[] expected = mlp.inputGradient(batch[i], labels[i]);
                    for (int k = 0; k < DigitsMlp.INPUTS; k++) {
                        assertThat((double) gradient[i][k]).as("%s sample %d pixel %d", model, i, k)
                                .isCloseTo(expected[k], within(1e-5 + 1e-4 * Math.abs(expected[k])));
                    }
                }
                assertFiniteDifferences(loaded, batch[0], labels[0], gradient[0]);
            }
        }
    }

    @Test
    void tensorFlowShouldExposeThePenultimateActivationsOtherEnginesTheOutputs() throws Exception {
        float[][] batch = digits.rows(0, 40);
        try (LoadedModel tf = load(ModelSpec.of(savedModel))) {
            assertThat(tf.embeddingName()).isEqualTo("h:0");
            OutputsAndEmbedding both = tf.predictWithEmbedding(batch);
            assertThat(both.outputs()).isDeepEqualTo(tf.predict(batch));
            for (int i = 0; i < batch.length; i++) {
                float[] hidden = mlp.hidden(batch[i]);
                assertThat(both.embedding()[i]).hasSize(DigitsMlp.HIDDEN);
                for (int j = 0; j < DigitsMlp.HIDDEN; j++) {
                    assertThat(both.embedding()[i][j]).isCloseTo(hidden[j], within(1e-5f * Math.max(1f, hidden[j])));
                }
            }
        }
        try (LoadedModel ort = load(ModelSpec.of(onnx))) {
            assertThat(ort.embeddingName()).isNull();
            OutputsAndEmbedding both = ort.predictWithEmbedding(batch);
            assertThat(both.embedding()).isSameAs(both.outputs());
        }
    }

    @Test
    void gradientsShouldRefuseLabelsOutsideTheOutputsAndMismatchedCounts() throws Exception {
        float[][] batch = digits.rows(0, 2);
        for (Path model : List.of(savedModel, torchScript)) {
            try (LoadedModel loaded = load(ModelSpec.of(model))) {
                assertThatThrownBy(() -> loaded.outputsAndGradient(batch, new int[] {0, DigitsMlp.CLASSES}))
                        .isInstanceOf(ModelException.class).hasMessageContaining("Label 10 is outside");
                assertThatThrownBy(() -> loaded.outputsAndGradient(batch, new int[] {-1, 0}))
                        .isInstanceOf(ModelException.class).hasMessageContaining("Label -1 is outside");
                assertThatThrownBy(() -> loaded.outputsAndGradient(batch, new int[] {0}))
                        .isInstanceOf(ModelException.class).hasMessageContaining("1 labels for 2 samples");
                assertThat(loaded.outputsAndGradient(batch, new int[] {0, 1}).outputs())
                        .isDeepEqualTo(loaded.predict(batch));
            }
        }
    }

    /** Central differences of the loss computed from the model's own outputs, on the largest components. */
    private static void assertFiniteDifferences(LoadedModel model, float[] x, int label, float[] gradient)
            throws ModelException {
        float eps = 1e-2f;
        for (int k = 0; k < x.length; k++) {
            if (Math.abs(gradient[k]) < 1e-2) {
                continue;
            }
            float[] plus = x.clone();
            float[] minus = x.clone();
            plus[k] += eps;
            minus[k] -= eps;
            float[][] out = model.predict(new float[][] {plus, minus});
            double numeric = (loss(out[0], label) - loss(out[1], label)) / (2 * eps);
            assertThat(numeric).as("pixel %d", k).isCloseTo(gradient[k], within(2e-3 + 0.05 * Math.abs(gradient[k])));
        }
    }

    private static double loss(float[] logits, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) + max - logits[label];
    }

    @Test
    void shouldRefuseModelWithCriticalScanFindingUnlessAllowed() throws Exception {
        Path model = Files.createDirectories(dir.resolve("evil"));
        Files.write(model.resolve("model.pt"), evilPickle());

        assertThatThrownBy(() -> load(ModelSpec.of(model.resolve("model.pt"))))
                .isInstanceOf(UnsafeModelException.class)
                .hasMessageContaining("CRITICAL").hasMessageContaining("os.system")
                .hasMessageContaining("--allow-unsafe-model");
        assertThatThrownBy(() -> load(ModelSpec.of(model.resolve("model.pt")).withAllowUnsafe(true)))
                .isInstanceOf(ModelException.class).isNotInstanceOf(UnsafeModelException.class);
    }

    /** os.system('echo pwned') as a protocol 2 pickle: never executed, the loader refuses or fails first. */
    private static byte[] evilPickle() {
        byte[] head = {(byte) 0x80, 2};
        byte[] global = "cos\nsystem\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] arg = "echo pwned".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(global);
        out.writeBytes(new byte[] {'X', 10, 0, 0, 0});
        out.writeBytes(arg);
        out.writeBytes(new byte[] {(byte) 0x85, 'R', '.'});
        return out.toByteArray();
    }

    @Test
    void shouldExplainUnknownSignatureInputAndShape() throws Exception {
        assertThatThrownBy(() -> load(ModelSpec.of(savedModel).withSignature("classify")))
                .isInstanceOf(ModelException.class).hasMessageContaining("no signature 'classify'")
                .hasMessageContaining("serving_default");
        assertThatThrownBy(() -> load(ModelSpec.of(savedModel).withInputName("y")))
                .isInstanceOf(ModelException.class).hasMessageContaining("no input 'y'");
        try (LoadedModel tf = load(ModelSpec.of(savedModel).withInputName("x").withOutputName("logits"))) {
            assertThatThrownBy(() -> tf.predict(new float[][] {new float[63]}))
                    .isInstanceOf(ModelException.class).hasMessageContaining("expects 64 values per sample");
        }
    }

    @Test
    void shouldTellTheEngineFromThePath() throws Exception {
        assertThat(EngineKind.detect(savedModel)).isEqualTo(EngineKind.TENSORFLOW);
        assertThat(EngineKind.detect(torchScript)).isEqualTo(EngineKind.PYTORCH);
        assertThat(EngineKind.detect(onnx)).isEqualTo(EngineKind.ONNX);
        assertThatThrownBy(() -> EngineKind.detect(dir.resolve("weights.h5")))
                .isInstanceOf(ModelException.class).hasMessageContaining("choose the engine");
        assertThat(EngineKind.parse("TF")).isEqualTo(EngineKind.TENSORFLOW);
    }
}
