package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The chance test of trigger groups: a few samples that happen to share rare values are not a trigger group. */
class TriggerChanceTest {
    /** P(X ≥ k) for X ~ Poisson(λ), summed term by term. */
    private static double exactTail(int k, double lambda) {
        double term = Math.exp(-lambda);
        double below = 0;
        for (int j = 0; j < k; j++) {
            below += term;
            term *= lambda / (j + 1);
        }
        return 1 - below;
    }

    @Test
    void shouldTakeThreeSharersOfAValueNoOtherClassHoldsForChance() {
        assertThat(exactTail(3, 504.0 / 4_497)).isGreaterThan(1e-8);
        assertThat(TriggerPatches.significant(3, 504, 0, 4_496)).isFalse();
    }

    @Test
    void shouldFindHalfAPercentOfALargeClassSignificant() {
        assertThat(TriggerPatches.significant(30, 6_030, 1, 53_970)).isTrue();
        assertThat(TriggerPatches.significant(9, 198, 0, 1_599)).isTrue();
    }

    @Test
    void shouldDecideAsTheExactPoissonTailDoes() {
        int[][] cases = {{5, 500, 0, 4_500}, {6, 500, 0, 4_500}, {7, 500, 0, 4_500}, {8, 500, 0, 4_500},
                {12, 500, 5, 4_500}, {15, 500, 5, 4_500}, {40, 6_000, 60, 54_000}, {60, 6_000, 60, 54_000}};
        for (int[] c : cases) {
            double lambda = (double) c[1] * (c[2] + 1) / (c[3] + 1);
            double exact = exactTail(c[0], lambda);
            if (exact < 1e-9 || exact > 1e-7) {
                assertThat(TriggerPatches.significant(c[0], c[1], c[2], c[3])).as("%s, tail %g",
                        java.util.Arrays.toString(c), exact).isEqualTo(exact < 1e-8);
            }
        }
    }

    @Test
    void shouldComputeLogFactorialsBothWays() {
        double exact = 0;
        for (int k = 2; k <= 200; k++) {
            exact += Math.log(k);
            assertThat(TriggerPatches.logFactorial(k)).isCloseTo(exact, within(1e-6 * exact));
        }
    }
}
