package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.model.LoadedModel;

/** FGSM on a real logistic-regression SavedModel against its closed form, computed here independently. */
class LogisticRegressionTest {
    private static final int FEATURES = 4;
    private static final float[] W = {
        1.5f, -0.5f, 0.25f,
        -1.0f, 2.0f, -0.75f,
        0.5f, 0.5f, -1.25f,
        -0.25f, -1.5f, 1.0f};
    private static final float[] B = {0.1f, -0.2f, 0.05f};
    private static final double EPS = 0.125;

    @TempDir
    static Path dir;
    private static LoadedModel model;

    @BeforeAll
    static void load() throws Exception {
        model = Models.load(TestGraphs.linear(dir.resolve("logreg"), W, B, FEATURES));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Inputs on a 1/64 grid, so that x ± 1/8 is exact in float. */
    private static float[][] inputs(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[count][FEATURES];
        for (float[] row : x) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = random.nextInt(65) / 64f;
            }
        }
        return x;
    }

    private static double[] logits(float[] x) {
        double[] z = new double[B.length];
        for (int c = 0; c < B.length; c++) {
            z[c] = B[c];
            for (int j = 0; j < FEATURES; j++) {
                z[c] += (double) x[j] * W[j * B.length + c];
            }
        }
        return z;
    }

    /** d CE / dx = W (softmax(z) - onehot(y)). */
    private static double[] gradient(float[] x, int label) {
        double[] z = logits(x);
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        double[] g = new double[FEATURES];
        for (int c = 0; c < B.length; c++) {
            double d = Math.exp(z[c] - max) / sum - (c == label ? 1 : 0);
            for (int j = 0; j < FEATURES; j++) {
                g[j] += W[j * B.length + c] * d;
            }
        }
        return g;
    }

    private static int argmax(double[] z) {
        int best = 0;
        for (int c = 1; c < z.length; c++) {
            best = z[c] > z[best] ? c : best;
        }
        return best;
    }

    @Test
    void shouldMatchTheClosedFormOfFgsmExactly() throws Exception {
        float[][] x = inputs(40, 1);
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            labels[i] = i % 3;
        }

        float[][] adversarial = new Fgsm(Norm.LINF).perturb(new AttackTarget(model, InputBounds.uniform(FEATURES, 0,
                1), SampleGeometry.flat(FEATURES)), x, labels, EPS, new SplittableRandom(0));

        for (int i = 0; i < x.length; i++) {
            double[] g = gradient(x[i], labels[i]);
            float[] expected = new float[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                assertThat(Math.abs(g[j])).as("gradient away from 0, so its sign is unambiguous").isGreaterThan(1e-4);
                expected[j] = (float) Math.min(1, Math.max(0, x[i][j] + EPS * Math.signum(g[j])));
            }
            assertThat(adversarial[i]).as("sample %d", i).containsExactly(expected);
        }
    }

    @Test
    void shouldFollowTheNormalizedGradientForL2Fgsm() throws Exception {
        float[][] x = {{0.5f, 0.5f, 0.5f, 0.5f}};
        int[] labels = {1};

        float[][] adversarial = new Fgsm(Norm.L2).perturb(new AttackTarget(model, InputBounds.uniform(FEATURES, 0, 1),
                SampleGeometry.flat(FEATURES)), x, labels, 0.3, new SplittableRandom(0));

        double[] g = gradient(x[0], 1);
        double length = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2] + g[3] * g[3]);
        for (int j = 0; j < FEATURES; j++) {
            assertThat((double) adversarial[0][j]).isCloseTo(0.5 + 0.3 * g[j] / length,
                    org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void shouldCountExactlyTheSamplesTheClosedFormBreaks() throws Exception {
        float[][] x = inputs(64, 2);
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            labels[i] = argmax(logits(x[i]));
            if (i % 5 == 0) {
                labels[i] = (labels[i] + 1) % 3;
            }
        }
        long cleanCorrect = 0;
        long robust = 0;
        List<String> robustIds = new java.util.ArrayList<>();
        List<String> notRobustIds = new java.util.ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (argmax(logits(x[i])) != labels[i]) {
                notRobustIds.add("#" + i);
                continue;
            }
            cleanCorrect++;
            double[] g = gradient(x[i], labels[i]);
            float[] adversarial = new float[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                adversarial[j] = (float) Math.min(1, Math.max(0, x[i][j] + EPS * Math.signum(g[j])));
            }
            boolean withstood = argmax(logits(adversarial)) == labels[i];
            robust += withstood ? 1 : 0;
            (withstood ? robustIds : notRobustIds).add("#" + i);
        }
        RobustnessConfig config = new RobustnessConfig(List.of(new Fgsm(Norm.LINF)), List.of(EPS), List.of(),
                List.of(), null, 1, 1000, 16, 0);

        RobustnessReport report = new RobustnessEvaluator(config, Preprocessing.NONE, InputBounds.uniform(FEATURES, 0,
                1), SampleGeometry.flat(FEATURES), line -> { }).evaluate(model, new ArraySource(x, labels));

        assertThat(report.cleanAccuracy()).isEqualTo((double) cleanCorrect / x.length);
        assertThat(report.robustAccuracy()).isEqualTo((double) robust / x.length);
        assertThat(report.attacks().get(0).gradientPasses()).isEqualTo(cleanCorrect);
        assertThat(report.sampleOutcomes().robust()).containsExactlyElementsOf(robustIds);
        assertThat(report.sampleOutcomes().notRobust()).containsExactlyElementsOf(notRobustIds);
        assertThat(report.sampleOutcomes().epsilon()).isEqualTo(EPS);
        assertThat(robust).as("the test needs both broken and robust samples").isBetween(1L, cleanCorrect - 1);
    }
}
