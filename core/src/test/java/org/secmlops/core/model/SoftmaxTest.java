package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SoftmaxTest {
    @Test
    void shouldTurnLogitsIntoProbabilitiesStablyEvenForHugeLogits() {
        float[] p = Softmax.of(new float[] {0f, (float) Math.log(3)});
        float[] huge = Softmax.of(new float[] {1000f, 1000f});

        assertThat(p[0]).isCloseTo(0.25f, within(1e-6f));
        assertThat(p[1]).isCloseTo(0.75f, within(1e-6f));
        assertThat(huge).containsExactly(0.5f, 0.5f);
    }

    @Test
    void shouldTellProbabilityOutputsFromLogitsAndNeverTakeANaNRowForProbabilities() {
        assertThat(Softmax.areDistributions(new float[][] {{0.2f, 0.8f}, {1f, 0f}})).isTrue();
        assertThat(Softmax.areDistributions(new float[][] {{0.2f, 0.8f}, {2f, -1f}})).isFalse();
        assertThat(Softmax.isDistribution(new float[] {0.5f, 0.4f})).isFalse();
        assertThat(Softmax.isDistribution(new float[] {Float.NaN, 1f})).isFalse();
    }
}
