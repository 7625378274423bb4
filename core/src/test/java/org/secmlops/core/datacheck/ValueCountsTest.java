package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueCountsTest {
    @Test
    void shouldCountEachValuePerClassAndDropAFeatureWithTooManyDistinctValues() {
        int n = 3_000;
        float[][] x = new float[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            x[i][0] = i % 7 == 0 ? 255f : (i % 2 == 0 ? -0f : 0f);
            x[i][1] = i * 0.5f;
        }

        ValueCounts counts = ValueCounts.of(FeatureMatrix.of(x), labels, 3);

        assertThat(counts.counted(0)).isTrue();
        assertThat(counts.counted(1)).as("3,000 distinct values").isFalse();
        assertThat(counts.values(0)).hasSize(2);
        int sevensOfClass1 = (int) java.util.stream.IntStream.range(0, n).filter(i -> i % 7 == 0 && i % 3 == 1)
                .count();
        assertThat(counts.count(0, Float.floatToIntBits(255f), 1)).isEqualTo(sevensOfClass1);
        assertThat(counts.count(0, Float.floatToIntBits(0f), 1)).as("-0 counts as 0").isEqualTo(n / 3 - sevensOfClass1);
        assertThat(counts.count(0, Float.floatToIntBits(1f), 1)).isZero();
    }
}
