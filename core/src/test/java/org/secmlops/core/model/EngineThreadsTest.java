package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loader's choice of engine threads: the user's count, or the faster of the timed trials. */
class EngineThreadsTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @TempDir
    static Path dir;

    static Digits digits;
    static DigitsMlp mlp;
    static Path savedModel;
    static Path onnx;
    static Path torchScript;
    final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void writeModels() throws IOException {
        digits = Digits.load();
        mlp = DigitsMlp.committed();
        DigitsMlpFiles files = DigitsMlpFiles.write(dir, mlp);
        savedModel = files.savedModel();
        onnx = files.onnx();
        torchScript = files.torchScript();
    }

    private LoadedModel load(ModelSpec spec) throws ModelException {
        return new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::add), progress::add).load(spec);
    }

    private Path model(String engine) {
        return switch (engine) {
            case "tf" -> savedModel;
            case "onnx" -> onnx;
            default -> torchScript;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"tf", "pytorch", "onnx"})
    void theUsersCountShouldBeKeptWithoutTrials(String engine) throws Exception {
        try (LoadedModel model = load(ModelSpec.of(model(engine)).withThreads(1))) {
            assertThat(model.threads().intraOp()).isEqualTo(1);
            assertThat(model.threads().chosenBy()).isEqualTo("--threads");
            assertThat(model.threads().trials()).isEmpty();
            assertLogits(model);
        }
        assertThat(progress).anyMatch(line -> line.startsWith("engine threads: 1 intra-op thread")
                && line.endsWith("(--threads)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tf", "pytorch", "onnx"})
    void theFasterTrialShouldBeChosenAndTheModelStillComputeTheSameLogits(String engine) throws Exception {
        try (LoadedModel model = load(ModelSpec.of(model(engine)).withSampleShape(List.of(64)))) {
            EngineThreads threads = model.threads();
            if (CORES < 2) {
                assertThat(threads.chosenBy()).isEqualTo("default");
                assertThat(threads.intraOp()).isEqualTo(1);
            } else if (threads.chosenBy().equals("rule")) {
                // a loaded machine can make even this model's probe slow; then every core is kept
                assertThat(threads.intraOp()).isEqualTo(CORES);
                assertThat(threads.trials()).singleElement().satisfies(probe -> assertThat(probe.millisPerBatch()
                        * ThreadCalibration.BATCH / ThreadCalibration.PROBE)
                        .isGreaterThanOrEqualTo(ThreadCalibration.ALL_CORES_MILLIS));
            } else {
                assertThat(threads.chosenBy()).isEqualTo("calibration");
                assertThat(threads.calibrationBatch()).isEqualTo(ThreadCalibration.BATCH);
                assertThat(threads.calibrationPass()).isEqualTo("forward");
                assertThat(threads.trials()).extracting(ThreadTrial::threads).containsExactly(1, CORES);
                ThreadTrial fastest = threads.trials().stream()
                        .min(Comparator.comparingDouble(ThreadTrial::millisPerBatch)).orElseThrow();
                assertThat(threads.intraOp()).isEqualTo(fastest.threads());
                for (ThreadTrial trial : threads.trials()) {
                    assertThat(trial.samplesPerSecond()).isCloseTo(64 / trial.millisPerBatch() * 1000,
                            within(1e-6 * trial.samplesPerSecond()));
                }
            }
            assertLogits(model);
            assertThat(progress).contains("engine threads: " + threads.describe());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tf", "pytorch", "onnx"})
    void anAttackRunShouldTimeForwardAndBackwardPassesWhereTheModelHasGradients(String engine) throws Exception {
        ModelSpec spec = ModelSpec.of(model(engine)).withSampleShape(List.of(64))
                .withCalibrationPass(CalibrationPass.GRADIENT);
        try (LoadedModel model = load(spec)) {
            EngineThreads threads = model.threads();
            if (threads.chosenBy().equals("calibration")) {
                assertThat(threads.calibrationPass()).isEqualTo(engine.equals("onnx") ? "forward" : "forward+backward");
                assertThat(threads.describe()).contains("calibration: " + threads.calibrationPass() + " 1 thread ");
                assertThat(threads.intraOp()).isEqualTo(threads.trials().stream()
                        .min(Comparator.comparingDouble(ThreadTrial::millisPerBatch)).orElseThrow().threads());
            } else {
                assertThat(threads.chosenBy()).isIn("default", "rule");
            }
            assertLogits(model);
        }
    }

    @Test
    void aModelWhoseGradientFailsShouldBeTimedOnForwardPassesAndLeftForTheAttackToReport() throws Exception {
        ThreadCalibration calibration = new ThreadCalibration(2);

        ThreadCalibration.Choice choice = calibration.choose(new FailingGradient(), 4, 0,
                threads -> new FailingGradient(), CalibrationPass.GRADIENT);

        assertThat(choice.threads().chosenBy()).isEqualTo("calibration");
        assertThat(choice.threads().calibrationPass()).isEqualTo("forward");
        assertThat(choice.model().supportsGradients()).isTrue();
    }

    /** Claims gradients, but computing one fails, as for a graph with an op that has none registered. */
    private static final class FailingGradient extends GradientFreeModel {
        @Override
        public boolean supportsGradients() {
            return true;
        }

        @Override
        public float[][] predict(float[][] batch) {
            float[][] outputs = new float[batch.length][2];
            for (int i = 0; i < batch.length; i++) {
                outputs[i][i % 2] = batch[i][0] + 1;
            }
            return outputs;
        }

        @Override
        public float[][] inputGradient(float[][] batch, int[] labels) throws ModelException {
            throw new ModelException("no gradient registered for op Mystery");
        }
    }

    @Test
    void withoutAKnownSampleShapeNothingShouldBeTimed() throws Exception {
        try (LoadedModel model = load(ModelSpec.of(torchScript))) {
            assertThat(model.threads().chosenBy()).isEqualTo("default");
            assertThat(model.threads().trials()).isEmpty();
            assertThat(model.threads().calibrationPass()).isEqualTo("none");
            assertThat(model.threads().intraOp()).isEqualTo(CORES);
        }
    }

    @Test
    void aNegativeCountShouldBeRefused() {
        assertThatThrownBy(() -> ModelSpec.of(torchScript).withThreads(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    private static void assertLogits(LoadedModel model) throws ModelException {
        float[][] batch = digits.rows(0, 32);
        float[][] outputs = model.predict(batch);
        for (int i = 0; i < batch.length; i++) {
            float[] expected = mlp.logits(batch[i]);
            for (int c = 0; c < DigitsMlp.CLASSES; c++) {
                assertThat(outputs[i][c]).isCloseTo(expected[c], within(1e-5f * Math.max(1f, Math.abs(expected[c]))));
            }
        }
    }
}
