package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The feasible box of the L∞ ball, exact in double arithmetic. */
class BallTest {
    private static float referenceAtLeast(double value) {
        float nearest = (float) value;
        return nearest < value ? Math.nextUp(nearest) : nearest;
    }

    private static float referenceAtMost(double value) {
        float nearest = (float) value;
        return nearest > value ? Math.nextDown(nearest) : nearest;
    }

    private static void assertRounded(double value) {
        float up = Float.intBitsToFloat(Ball.smallestFloatAtLeast(value));
        float down = Float.intBitsToFloat(Ball.largestFloatAtMost(value));
        assertThat(up).as("at least %s", value).isEqualTo(referenceAtLeast(value));
        assertThat(down).as("at most %s", value).isEqualTo(referenceAtMost(value));
        assertThat((double) up).isGreaterThanOrEqualTo(value);
        assertThat((double) down).isLessThanOrEqualTo(value);
    }

    @Test
    void shouldRoundToTheNearestFloatOnTheRequestedSide() {
        SplittableRandom random = new SplittableRandom(3);
        double[] special = {0, -0.0, 1e-46, -1e-46, 1e-50, -1e-50, Float.MIN_VALUE, -Float.MIN_VALUE, 0.1, -0.1, 1,
            -1, 1e30, -1e30, 1e39, -1e39, Float.MAX_VALUE, -Float.MAX_VALUE};
        for (double value : special) {
            assertRounded(value);
        }
        for (int i = 0; i < 100_000; i++) {
            assertRounded((random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(-40, 30)));
        }
    }

    @Test
    void shouldKeepEveryFeasibleValueWithinEpsilonAndTheBounds() {
        SplittableRandom random = new SplittableRandom(4);
        float[] clean = new float[10_000];
        for (int j = 0; j < clean.length; j++) {
            clean[j] = (float) (random.nextDouble() * 1.2 - 0.1);
        }
        double eps = 0.3 / 255;
        Ball ball = new Ball(clean, eps, Norm.LINF, InputBounds.uniform(clean.length, 0, 1));
        for (int j = 0; j < clean.length; j++) {
            float low = ball.low(j);
            float high = ball.high(j);
            if (clean[j] - eps >= 0 && clean[j] + eps <= 1) {
                assertThat(clean[j] - (double) low).isLessThanOrEqualTo(eps);
                assertThat(clean[j] - (double) Math.nextDown(low)).isGreaterThan(eps);
                assertThat((double) high - clean[j]).isLessThanOrEqualTo(eps);
                assertThat(Math.nextUp(high) - (double) clean[j]).isGreaterThan(eps);
            }
            assertThat(low).isLessThanOrEqualTo(high);
            if (clean[j] >= 0 && clean[j] <= 1) {
                assertThat(low).isGreaterThanOrEqualTo(0f);
                assertThat(high).isLessThanOrEqualTo(1f);
            }
        }
    }

    private static void assertSameBoxes(float[][] clean, double eps, InputBounds bounds) {
        Ball[] cached = Rows.balls(clean, eps, Norm.LINF, bounds);
        for (int i = 0; i < clean.length; i++) {
            Ball direct = new Ball(clean[i], eps, Norm.LINF, bounds);
            assertThat(cached[i].lows()).as("low of row %d", i).containsExactly(direct.lows());
            assertThat(cached[i].highs()).as("high of row %d", i).containsExactly(direct.highs());
        }
    }

    @Test
    void shouldBuildTheSameBoxesThroughTheCacheAsDirectly() {
        SplittableRandom random = new SplittableRandom(5);
        int width = 300;
        float[] lowest = new float[width];
        float[] highest = new float[width];
        for (int j = 0; j < width; j++) {
            lowest[j] = (float) (-2.1 + 0.01 * (j % 3));
            highest[j] = (float) (2.5 - 0.01 * (j % 5));
        }
        InputBounds normalized = new InputBounds(lowest, highest);
        float[][] eightBit = new float[40][width];
        float[][] continuous = new float[40][width];
        for (int i = 0; i < eightBit.length; i++) {
            for (int j = 0; j < width; j++) {
                eightBit[i][j] = (float) ((random.nextInt(256) / 255.0 - 0.45) / 0.22);
                continuous[i][j] = (float) (random.nextDouble() * 5 - 2.5);
            }
        }
        eightBit[3][7] = -0.0f;
        eightBit[3][8] = 0.0f;
        for (double eps : new double[] {1e-4, 8 / 255.0, 0.5}) {
            assertSameBoxes(eightBit, eps, normalized);
            assertSameBoxes(continuous, eps, normalized);
            assertSameBoxes(eightBit, eps, InputBounds.unbounded(width));
            assertSameBoxes(eightBit, eps, InputBounds.uniform(width, 0, 1));
            assertSameBoxes(continuous, eps, InputBounds.uniform(width, -1, 1));
        }
    }

    @Test
    void shouldGiveUpTheCacheWhenMostValuesAreNew() {
        SplittableRandom random = new SplittableRandom(6);
        BoxCache cache = new BoxCache(0.01, InputBounds.uniform(1, 0, 1));
        for (int i = 0; i < 4096; i++) {
            cache.find((float) random.nextDouble());
        }
        assertThat(cache.worthIt()).isFalse();

        BoxCache quantized = new BoxCache(0.01, InputBounds.uniform(1, 0, 1));
        for (int i = 0; i < 100_000; i++) {
            quantized.find(random.nextInt(256) / 255f);
        }
        assertThat(quantized.worthIt()).isTrue();
    }

    @Test
    void shouldDrawStartOffsetsOnTheGridOfMultiplesOfTwoToTheMinus22() {
        assertThat(Rows.symmetricUniform(0)).isEqualTo(-1f);
        assertThat(Rows.symmetricUniform(0x7FFFFF)).isEqualTo((float) (1 - 0x1p-22));
        assertThat(Rows.symmetricUniform(0xFF800000)).as("only the low 23 bits count").isEqualTo(-1f);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 10_000; i++) {
            int bits = random.nextInt();
            double expected = -1 + (bits & 0x7FFFFF) * 0x1p-22;
            assertThat((double) Rows.symmetricUniform(bits)).isEqualTo(expected);
        }
    }
}
