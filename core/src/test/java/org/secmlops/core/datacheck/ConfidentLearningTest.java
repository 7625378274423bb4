package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConfidentLearningTest {
    /** 3 classes of 40; samples 5, 17 and 60 carry label 0 but their probabilities say class 1, 2 and 2. */
    @Test
    void shouldFlagExactlyTheSamplesWhoseProbabilitiesConfidentlyNameAnotherClass() {
        int n = 120;
        int[] labels = new int[n];
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = i / 40;
            p[i] = new float[] {0.1f, 0.1f, 0.1f};
            p[i][labels[i]] = 0.8f;
        }
        p[5] = new float[] {0.05f, 0.9f, 0.05f};
        p[17] = new float[] {0.1f, 0.1f, 0.8f};
        labels[60] = 0;
        p[60] = new float[] {0.1f, 0.05f, 0.85f};

        DetectorResult result = ConfidentLearning.detect(p, labels, 3, "test");

        int[] flagged = IntStream.range(0, n).filter(i -> result.flagged()[i]).toArray();
        assertThat(flagged).containsExactly(5, 17, 60);
        assertThat(result.suggested()[5]).isEqualTo(1);
        assertThat(result.suggested()[17]).isEqualTo(2);
        assertThat(result.suggested()[60]).isEqualTo(2);
        assertThat(result.suggested()[0]).isEqualTo(-1);
        assertThat(result.scores()[5]).isCloseTo(0.95, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void shouldFlagNothingWhenEveryLabelIsTheMostProbableClass() {
        int[] labels = {0, 0, 1, 1, 2, 2};
        float[][] p = {{0.7f, 0.2f, 0.1f}, {0.5f, 0.4f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.3f, 0.6f, 0.1f},
            {0.1f, 0.1f, 0.8f}, {0.3f, 0.3f, 0.4f}};

        DetectorResult result = ConfidentLearning.detect(p, labels, 3, "test");

        assertThat(result.flaggedCount()).isZero();
    }
}
