package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void shouldGiveTheClosedFormLowerBoundWhenEverySampleSucceeds() {
        // P(X >= n | p) = p^n = alpha  =>  p = alpha^(1/n)
        for (int n : new int[] {1, 10, 256, 10_000}) {
            for (double alpha : new double[] {0.001, 0.05}) {
                assertThat(Statistics.clopperPearsonLower(n, n, alpha)).isCloseTo(Math.pow(alpha, 1.0 / n),
                        within(1e-12));
            }
        }
    }

    @Test
    void shouldGiveTheClosedFormLowerBoundForOneSuccess() {
        // P(X >= 1 | p) = 1 - (1 - p)^n = alpha  =>  p = 1 - (1 - alpha)^(1/n)
        assertThat(Statistics.clopperPearsonLower(1, 50, 0.01)).isCloseTo(1 - Math.pow(0.99, 1.0 / 50), within(1e-12));
        assertThat(Statistics.clopperPearsonLower(0, 50, 0.01)).isZero();
    }

    @Test
    void shouldStayBelowTheObservedProportionAndGrowWithConfidenceLoss() {
        double strict = Statistics.clopperPearsonLower(180, 256, 0.001);
        double loose = Statistics.clopperPearsonLower(180, 256, 0.1);

        assertThat(strict).isLessThan(loose).isLessThan(180 / 256.0);
        assertThat(Statistics.upperTail(180, 256, strict)).isCloseTo(0.001, within(1e-9));
    }

    @Test
    void shouldMatchTabulatedNormalQuantiles() {
        assertThat(Statistics.normalQuantile(0.5)).isCloseTo(0, within(1e-10));
        assertThat(Statistics.normalQuantile(0.975)).isCloseTo(1.959963984540054, within(1e-9));
        assertThat(Statistics.normalQuantile(0.999)).isCloseTo(3.090232306167814, within(1e-9));
        assertThat(Statistics.normalQuantile(0.01)).isCloseTo(-2.326347874040841, within(1e-9));
    }
}
