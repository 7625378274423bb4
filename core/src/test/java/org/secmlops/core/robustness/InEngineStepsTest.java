package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secmlops.core.model.GradientFreeModel;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.model.OutputsAndGradient;
import org.secmlops.core.model.SignSteps;

/**
 * PGD's L∞ steps inside TensorFlow's graph (a frozen graph and a TensorFlow 2 SavedModel whose output comes out of a
 * function call) and in libtorch give exactly the iterates of the Java steps.
 */
class InEngineStepsTest {
    private static final SampleGeometry DIGIT = new SampleGeometry(1, 8, 8, false);
    private static final InputBounds UNIT = InputBounds.uniform(64, 0, 1);

    @TempDir
    static Path dir;
    private static LoadedModel tensorFlow;
    private static LoadedModel pyTorch;
    private static LoadedModel tensorFlow2;

    @BeforeAll
    static void load() throws Exception {
        tensorFlow = Models.load(TestGraphs.digitsMlp(dir.resolve("mlp"), TestGraphs.Variant.PLAIN));
        pyTorch = Models.load(resource("/org/secmlops/core/model/digits-mlp.pt", "digits-mlp.pt"));
        tensorFlow2 = Models.load(ModelTestAccess.digitsMlpTf2SavedModel(dir.resolve("mlp-tf2")));
    }

    @AfterAll
    static void close() {
        tensorFlow.close();
        pyTorch.close();
        tensorFlow2.close();
    }

    private static Path resource(String name, String file) throws IOException {
        Path path = dir.resolve(file);
        try (InputStream in = InEngineStepsTest.class.getResourceAsStream(name)) {
            Files.copy(in, path);
        }
        return path;
    }

    private static LoadedModel digits(String engine) {
        return switch (engine) {
            case "tensorflow" -> tensorFlow;
            case "tensorflow2" -> tensorFlow2;
            default -> pyTorch;
        };
    }

    private static float[][] attack(LoadedModel attacked, Pgd pgd, float[][] x, int[] y, double eps, long seed)
            throws Exception {
        return pgd.perturb(new AttackTarget(attacked, UNIT, DIGIT), x, y, eps, new SplittableRandom(seed));
    }

    private static void assertSameValues(float[][] actual, float[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                if (actual[i][j] != expected[i][j]) {
                    throw new AssertionError("sample " + i + " value " + j + ": " + actual[i][j] + " in the engine, "
                            + expected[i][j] + " in Java");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tensorflow", "tensorflow2", "pytorch"})
    void shouldFindTheSameAdversarialsAsTheJavaStepsWhetherSamplesBreakOrNot(String engine) throws Exception {
        LoadedModel model = digits(engine);
        float[][] x = ModelTestAccess.digits(1500, 1797);
        int[] y = ModelTestAccess.digitLabels(1500, 1797);
        assertThat(model.supportsSignSteps()).isTrue();

        for (double eps : new double[] {1e-4, 0.05, 0.1}) {
            Pgd pgd = new Pgd(Norm.LINF, 10, 0.25, true, 2);
            float[][] inEngine = attack(model, pgd, x, y, eps, 7);
            float[][] inJava = attack(new JavaSteps(model), pgd, x, y, eps, 7);

            assertSameValues(inEngine, inJava);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x[i].length; j++) {
                    assertThat(Math.abs(inEngine[i][j] - x[i][j])).isLessThanOrEqualTo((float) eps);
                }
            }
        }
        float[][] broken = attack(model, new Pgd(Norm.LINF, 10, 0.25, false, 1), x, y, 0.1, 1);
        float[][] outputs = model.predict(broken);
        int misclassified = 0;
        for (int i = 0; i < x.length; i++) {
            misclassified += Losses.misclassified(outputs[i], y[i]) ? 1 : 0;
        }
        assertThat(misclassified).as("ε = 0.1 must break most digits, so rows leave the engine's batch")
                .isGreaterThan(x.length / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tensorflow", "tensorflow2", "pytorch"})
    void shouldStepLikeBallAndKeepTheEvaluatedIteratesReadable(String engine) throws Exception {
        LoadedModel model = digits(engine);
        float[][] x = ModelTestAccess.digits(0, 3);
        int[] y = ModelTestAccess.digitLabels(0, 3);
        Ball[] balls = Rows.balls(x, 0.2, Norm.LINF, UNIT);
        float[][] low = {balls[0].lows(), balls[1].lows(), balls[2].lows()};
        float[][] high = {balls[0].highs(), balls[1].highs(), balls[2].highs()};

        try (SignSteps steps = model.signSteps(x, low, high, x, y, 0.05f)) {
            OutputsAndGradient expected = model.outputsAndGradient(x, y);
            assertThat(steps.outputsAndStep()).containsExactly(flat(expected.outputs()));
            assertThat(steps.evaluated(new int[] {0, 1, 2})).isDeepEqualTo(x);
            assertThat(steps.evaluated(new int[] {2})).isDeepEqualTo(new float[][] {x[2]});
            float[][] current = steps.current(new int[] {0, 1, 2});
            for (int k = 0; k < 3; k++) {
                float[] stepped = balls[k].step(x[k], expected.gradient()[k], 0.05f);
                assertSameValues(new float[][] {current[k]}, new float[][] {stepped});
            }

            steps.retain(new int[] {2, 0});

            assertThat(steps.rows()).isEqualTo(2);
            float[][] kept = steps.current(new int[] {0, 1});
            assertThat(kept).isDeepEqualTo(new float[][] {current[2], current[0]});
            assertThat(steps.outputs()).isDeepEqualTo(model.predict(kept));
            assertThat(steps.outputsAndStep()).containsExactly(flat(model.outputsAndGradient(kept,
                    new int[] {y[2], y[0]}).outputs()));
            assertThatThrownBy(() -> steps.current(new int[] {2})).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tensorflow", "pytorch"})
    void shouldLeaveValuesWithANanGradientAtTheirCleanValue(String engine) throws Exception {
        float[] w = {1, -1, 0.5f, 2, -0.5f, 1};
        Path file = engine.equals("tensorflow")
                ? TestGraphs.linearWithNanGradientAtZero(dir.resolve("nan"), w, 3, 2)
                : resource("/org/secmlops/core/robustness/nan-gradient.pt", "nan-gradient.pt");
        try (LoadedModel nan = Models.load(file)) {
            float[][] x = {{0.5f, 0, 0.25f}, {0, 0.75f, 0}};
            int[] y = {0, 1};
            InputBounds bounds = InputBounds.uniform(3, 0, 1);
            Ball[] balls = Rows.balls(x, 0.1, Norm.LINF, bounds);

            try (SignSteps steps = nan.signSteps(x, new float[][] {balls[0].lows(), balls[1].lows()},
                    new float[][] {balls[0].highs(), balls[1].highs()}, x, y, 0.05f)) {
                steps.outputsAndStep();
                float[][] gradient = nan.inputGradient(x, y);
                for (int k = 0; k < 2; k++) {
                    float[] moved = steps.current(new int[] {k})[0];
                    for (int j = 0; j < 3; j++) {
                        if (x[k][j] == 0) {
                            assertThat(gradient[k][j]).isNaN();
                            assertThat(moved[j]).isEqualTo(0f);
                        } else {
                            assertThat(gradient[k][j]).isFinite();
                            assertThat(Math.abs(moved[j] - x[k][j])).isCloseTo(0.05f, org.assertj.core.data.Offset
                                    .offset(1e-6f));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tensorflow", "pytorch"})
    void shouldRefuseBadLabelsAndStepsAndStopWhenCancelled(String engine) throws Exception {
        LoadedModel model = digits(engine);
        float[][] x = ModelTestAccess.digits(0, 2);
        float[][] low = {new float[64], new float[64]};
        float[][] high = {UNIT.high(), UNIT.high()};

        assertThatThrownBy(() -> {
            try (SignSteps steps = model.signSteps(x, low, high, x, new int[] {0, 10}, 0.1f)) {
                steps.outputsAndStep();
            }
        }).isInstanceOf(ModelException.class).hasMessageContaining("Label 10");
        assertThatThrownBy(() -> model.signSteps(x, low, high, x, new int[] {0, 1}, Float.NaN))
                .isInstanceOf(ModelException.class).hasMessageContaining("step size");
        assertThatThrownBy(() -> model.signSteps(x, low, high, x, new int[] {0}, 0.1f))
                .isInstanceOf(ModelException.class);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> attack(model, new Pgd(Norm.LINF, 20, 0.25, true, 1), x, new int[] {0, 1}, 0.1,
                    1)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    /** The model without in-engine steps, so PGD takes its Java steps. */
    private static final class JavaSteps extends GradientFreeModel {
        private final LoadedModel model;

        JavaSteps(LoadedModel model) {
            this.model = model;
        }

        @Override
        public float[][] predict(float[][] batch) throws ModelException {
            return model.predict(batch);
        }

        @Override
        public boolean supportsGradients() {
            return true;
        }

        @Override
        public float[][] inputGradient(float[][] batch, int[] labels) throws ModelException {
            return model.inputGradient(batch, labels);
        }

        @Override
        public OutputsAndGradient outputsAndGradient(float[][] batch, int[] labels) throws ModelException {
            return model.outputsAndGradient(batch, labels);
        }
    }

    private static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(rows[k], 0, out, k * rows[0].length, rows[0].length);
        }
        return out;
    }
}
