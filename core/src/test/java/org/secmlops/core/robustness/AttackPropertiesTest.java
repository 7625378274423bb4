package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every attack must have, over random models and inputs (fixed seeds), on an in-test Java model. */
class AttackPropertiesTest {
    private static final SampleGeometry IMAGE = new SampleGeometry(2, 4, 4, false);

    static Stream<Attack> attacks() {
        List<Attack> attacks = new ArrayList<>();
        for (Norm norm : Norm.values()) {
            attacks.add(new Fgsm(norm));
            attacks.add(new Pgd(norm, 10, 0.25, true, 2));
            attacks.add(new Apgd(norm, 10, true, 1));
            attacks.add(new SquareAttack(norm, 60));
            attacks.add(new Spsa(norm, 60, 8, 0.25));
        }
        return attacks.stream();
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void shouldNeverLeaveTheBudgetOrTheValidRange(Attack attack) throws Exception {
        for (long seed = 1; seed <= 6; seed++) {
            SplittableRandom random = new SplittableRandom(seed * 31);
            JavaMlp model = new JavaMlp(IMAGE.size(), 12, 4, seed, true);
            float low = (float) (random.nextDouble() - 1);
            float high = low + 0.5f + (float) random.nextDouble();
            InputBounds bounds = InputBounds.uniform(IMAGE.size(), low, high);
            float[][] x = new float[9][IMAGE.size()];
            for (float[] row : x) {
                for (int j = 0; j < row.length; j++) {
                    // a third of the values sit on a bound, where clipping matters
                    int kind = random.nextInt(3);
                    row[j] = kind == 0 ? low : kind == 1 ? high : low + (high - low) * (float) random.nextDouble();
                }
            }
            int[] labels = model.classify(x);
            double eps = attack.norm() == Norm.LINF ? 0.05 + random.nextDouble() * 0.3 : 0.2 + random.nextDouble();

            float[][] adversarial = attack.perturb(new AttackTarget(model, bounds, IMAGE), x, labels, eps,
                    new SplittableRandom(seed));

            assertThat(adversarial.length).isEqualTo(x.length);
            for (int i = 0; i < x.length; i++) {
                assertThat(attack.norm().size(adversarial[i], x[i])).as("%s seed %d sample %d", attack, seed, i)
                        .isLessThanOrEqualTo(eps);
                for (float v : adversarial[i]) {
                    assertThat(v).isBetween(low, high);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void shouldGiveBitIdenticalResultsForTheSameSeed(Attack attack) throws Exception {
        JavaMlp model = new JavaMlp(IMAGE.size(), 12, 4, 7, true);
        InputBounds bounds = InputBounds.uniform(IMAGE.size(), 0, 1);
        float[][] x = new float[6][IMAGE.size()];
        SplittableRandom random = new SplittableRandom(3);
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        int[] labels = model.classify(x);

        float[][] first = attack.perturb(new AttackTarget(model, bounds, IMAGE), x, labels, 0.2,
                new SplittableRandom(99));
        float[][] second = attack.perturb(new AttackTarget(model, bounds, IMAGE), x, labels, 0.2,
                new SplittableRandom(99));

        assertThat(second).isDeepEqualTo(first);
    }

    @Test
    void shouldGiveTheSameResultWhateverTheNumberOfThreads() throws Exception {
        // 256 samples of 3 × 16 × 16: the random starts and the larger L2 Square proposals are split over the pool
        SampleGeometry image = new SampleGeometry(3, 16, 16, false);
        JavaMlp model = new JavaMlp(image.size(), 12, 4, 9, true);
        InputBounds bounds = InputBounds.uniform(image.size(), 0, 1);
        float[][] x = new float[256][image.size()];
        SplittableRandom random = new SplittableRandom(10);
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextInt(256) / 255f;
            }
        }
        int[] labels = model.classify(x);
        for (Attack attack : List.of(new SquareAttack(Norm.L2, 30), new Pgd(Norm.LINF, 3, 0.25, true, 1))) {
            double eps = attack.norm() == Norm.L2 ? 0.5 : 0.01;
            float[][] oneThread = perturbIn(new java.util.concurrent.ForkJoinPool(1), attack, model, bounds, image, x,
                    labels, eps);
            float[][] fourThreads = perturbIn(new java.util.concurrent.ForkJoinPool(4), attack, model, bounds, image,
                    x, labels, eps);

            assertThat(fourThreads).as(attack.name()).isDeepEqualTo(oneThread);
        }
    }

    private static float[][] perturbIn(java.util.concurrent.ForkJoinPool pool, Attack attack, JavaMlp model,
            InputBounds bounds, SampleGeometry geometry, float[][] x, int[] labels, double eps) throws Exception {
        try {
            return pool.submit(() -> attack.perturb(new AttackTarget(model, bounds, geometry), x, labels, eps,
                    new SplittableRandom(12))).get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void batchesLargeEnoughForParallelStepsShouldGiveEachSampleTheResultItGetsAlone() throws Exception {
        JavaMlp model = new JavaMlp(IMAGE.size(), 12, 4, 5, true);
        InputBounds bounds = InputBounds.uniform(IMAGE.size(), 0, 1);
        int n = (int) (Rows.PARALLEL_NANOS / Rows.STREAMING / IMAGE.size()) + 5;
        float[][] x = new float[n][IMAGE.size()];
        SplittableRandom random = new SplittableRandom(8);
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        int[] labels = model.classify(x);
        for (Attack attack : List.of(new Pgd(Norm.LINF, 5, 0.25, true, 1), new Apgd(Norm.LINF, 5, true, 1))) {
            float[][] large = attack.perturb(new AttackTarget(model, bounds, IMAGE), x, labels, 1e-3,
                    new SplittableRandom(4));
            float[][] small = attack.perturb(new AttackTarget(model, bounds, IMAGE), Arrays.copyOf(x, 3),
                    Arrays.copyOf(labels, 3), 1e-3, new SplittableRandom(4));

            assertThat(Arrays.copyOf(large, 3)).as(attack.name()).isDeepEqualTo(small);
        }
    }

    @Test
    void shouldNotChangeTheCleanSamples() throws Exception {
        JavaMlp model = new JavaMlp(IMAGE.size(), 12, 4, 5, true);
        float[][] x = new float[3][IMAGE.size()];
        for (float[] row : x) {
            java.util.Arrays.fill(row, 0.5f);
        }
        float[][] copy = Rows.copy(x);

        new Pgd(Norm.LINF, 5, 0.25, true, 1).perturb(new AttackTarget(model, InputBounds.uniform(IMAGE.size(), 0, 1),
                IMAGE), x, model.classify(x), 0.3, new SplittableRandom(1));

        assertThat(x).isDeepEqualTo(copy);
    }

    @Test
    void shouldStopWhenTheThreadIsInterrupted() {
        JavaMlp model = new JavaMlp(IMAGE.size(), 12, 4, 5, true);
        float[][] x = new float[3][IMAGE.size()];
        AttackTarget target = new AttackTarget(model, InputBounds.uniform(IMAGE.size(), 0, 1), IMAGE);

        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> new Pgd(Norm.LINF, 1000, 0.25, true, 1).perturb(target, x, model.classify(x), 0.3,
                new SplittableRandom(1))).isInstanceOf(InterruptedException.class);
        assertThat(model.gradientCalls).isZero();
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void shouldCostAtMostStepsGradientPassesAndOneForwardPassPerSampleForPgd() throws Exception {
        JavaMlp model = new JavaMlp(IMAGE.size(), 12, 4, 11, true);
        float[][] x = new float[20][IMAGE.size()];
        SplittableRandom random = new SplittableRandom(5);
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        AttackTarget target = new AttackTarget(model, InputBounds.uniform(IMAGE.size(), 0, 1), IMAGE);

        new Pgd(Norm.LINF, 20, 0.1, true, 1).perturb(target, x, model.classify(x), 0.01, new SplittableRandom(1));

        PassCount passes = target.passes();
        assertThat(passes.gradientSamples()).isLessThanOrEqualTo(20L * x.length);
        assertThat(passes.forwardSamples()).isLessThanOrEqualTo(x.length);
        assertThat(passes.gradientCalls()).isLessThanOrEqualTo(20);
        assertThat(passes.forwardCalls()).isLessThanOrEqualTo(1);
    }

    @Test
    void shouldStopQueryingOnceASampleIsBrokenInTheSquareAttack() throws Exception {
        JavaMlp model = new JavaMlp(IMAGE.size(), 12, 4, 13, false);
        float[][] x = new float[10][IMAGE.size()];
        SplittableRandom random = new SplittableRandom(8);
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        AttackTarget target = new AttackTarget(model, InputBounds.uniform(IMAGE.size(), 0, 1), IMAGE);

        float[][] adversarial = new SquareAttack(Norm.LINF, 200).perturb(target, x, model.classify(x), 1.0,
                new SplittableRandom(1));

        // with ε = 1 on [0, 1] every sample falls quickly; queries stay far below the budget
        int[] before = model.classify(x);
        int[] after = model.classify(adversarial);
        for (int i = 0; i < x.length; i++) {
            assertThat(after[i]).as("sample %d", i).isNotEqualTo(before[i]);
        }
        assertThat(target.passes().forwardSamples()).isLessThan(200L * x.length / 4);
        assertThat(target.passes().gradientCalls()).isZero();
    }
}
