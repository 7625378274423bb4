package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApgdTest {
    @Test
    void shouldPlaceCheckpointsAsInThePaperFor100Iterations() {
        // Croce & Hein 2020: w = 0, 22, 41, 57, 70, 80, 87, 93, 99 for N = 100 (0 is the start, not a checkpoint)
        assertThat(Apgd.checkpoints(100)).containsExactly(22, 41, 57, 70, 80, 87, 93, 99);
    }

    @Test
    void shouldKeepCheckpointsDistinctAndInsideShortRuns() {
        assertThat(Apgd.checkpoints(10)).isSorted().doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(Apgd.checkpoints(10)).boxed().toList()).allMatch(w -> w >= 1 && w < 10);
        assertThat(Apgd.checkpoints(1)).isEmpty();
    }

    @Test
    void shouldHalveTheSquareFractionOnTheRescaledSchedule() {
        assertThat(SquareAttack.fraction(0.8, 0, 10_000)).isEqualTo(0.8);
        assertThat(SquareAttack.fraction(0.8, 11, 10_000)).isEqualTo(0.4);
        assertThat(SquareAttack.fraction(0.8, 9_000, 10_000)).isEqualTo(0.8 / 512);
        assertThat(SquareAttack.fraction(0.8, 50, 100)).isEqualTo(0.8 / 128);
    }
}
