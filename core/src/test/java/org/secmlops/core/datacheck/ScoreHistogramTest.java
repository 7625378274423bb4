package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreHistogramTest {
    @Test
    void flagsAboveAScoreGiveThatScoreAsThreshold() {
        double[] scores = {0, 0.1, 0.2, 0.8, 0.9, 1.0, Double.NaN};
        boolean[] flags = {false, false, false, true, true, true, false};

        ScoreHistogram h = ScoreHistogram.of(scores, flags);

        assertThat(h.min()).isEqualTo(0);
        assertThat(h.max()).isEqualTo(1);
        assertThat(h.threshold()).isEqualTo(0.8);
        assertThat(h.counts()).hasSize(ScoreHistogram.BINS);
        assertThat(h.counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
        // 0.8 lies in bin 16 of 20, 0.9 in bin 18, 1.0 (the upper edge) in the last
        assertThat(h.flagged().get(16)).isEqualTo(1);
        assertThat(h.flagged().get(18)).isEqualTo(1);
        assertThat(h.flagged().get(19)).isEqualTo(1);
    }

    @Test
    void flagsThatAreNotAThresholdOnTheScoreGiveNone() {
        ScoreHistogram h = ScoreHistogram.of(new double[] {0.1, 0.5, 0.9}, new boolean[] {true, false, true});

        assertThat(h.threshold()).isNull();
        assertThat(h.flagged().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    }

    @Test
    void noFiniteScoreGivesNoHistogramAndEqualScoresAUnitRange() {
        assertThat(ScoreHistogram.of(new double[] {Double.NaN}, new boolean[] {false})).isNull();
        ScoreHistogram same = ScoreHistogram.of(new double[] {2, 2}, new boolean[] {false, false});
        assertThat(same.max() - same.min()).isEqualTo(1);
        assertThat(same.counts().get(0)).isEqualTo(2);
    }
}
