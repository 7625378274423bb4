package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormTest {
    @Test
    void shouldMeasureTheDiameterOfTheValidRangeInEachNorm() {
        InputBounds unit = InputBounds.uniform(64, 0, 1);
        InputBounds mixed = new InputBounds(new float[] {-1, 0, 2}, new float[] {1, 3, 2});

        assertThat(unit.diameter(Norm.LINF)).isEqualTo(1.0);
        assertThat(unit.diameter(Norm.L2)).isEqualTo(8.0);
        assertThat(mixed.diameter(Norm.LINF)).isEqualTo(3.0);
        assertThat(mixed.diameter(Norm.L2)).isEqualTo(Math.sqrt(13));
        assertThat(InputBounds.unbounded(3).diameter(Norm.L2)).isInfinite();
    }

    @Test
    void shouldProjectRandomPointsIntoTheBallAndTheBoundsExactly() {
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 2000; trial++) {
            int size = 1 + random.nextInt(50);
            float low = (float) (random.nextDouble() * 4 - 2);
            float high = low + (float) random.nextDouble() * 3 + 1e-3f;
            InputBounds bounds = InputBounds.uniform(size, low, high);
            float[] clean = new float[size];
            float[] point = new float[size];
            for (int j = 0; j < size; j++) {
                clean[j] = low + (high - low) * (float) random.nextDouble();
                point[j] = clean[j] + (float) (random.nextGaussian() * 3);
            }
            Norm norm = random.nextBoolean() ? Norm.LINF : Norm.L2;
            double eps = Math.pow(10, random.nextDouble() * 4 - 3);

            norm.project(point, clean, eps, bounds);

            assertThat(norm.size(point, clean)).isLessThanOrEqualTo(eps);
            assertThat(bounds.contains(point)).isTrue();
        }
    }

    @Test
    void shouldLeavePointsInsideTheBallUnchanged() {
        float[] clean = {0.5f, 0.5f};
        float[] point = {0.55f, 0.45f};

        Norm.L2.project(point, clean, 1, InputBounds.uniform(2, 0, 1));

        assertThat(point).containsExactly(0.55f, 0.45f);
    }

    @Test
    void shouldGiveSignForLinfAndUnitVectorForL2() {
        float[] gradient = {3f, -4f, 0f};

        assertThat(Norm.LINF.direction(gradient)).containsExactly(1f, -1f, 0f);
        assertThat(Norm.L2.direction(gradient)).containsExactly(new float[] {0.6f, -0.8f, 0f}, within(1e-7f));
        assertThat(Norm.L2.direction(new float[] {0f, 0f})).containsExactly(0f, 0f);
    }

    @Test
    void shouldParseNormNames() {
        assertThat(Norm.parse("Linf")).isEqualTo(Norm.LINF);
        assertThat(Norm.parse("l2")).isEqualTo(Norm.L2);
        assertThatThrownBy(() -> Norm.parse("l1")).hasMessageContaining("expected linf or l2");
    }
}
