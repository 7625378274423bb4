package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {
    @Test
    void shouldFindTheSameNeighboursAsABruteForceSearchAcrossSeveralBlocks() {
        Random random = new Random(3);
        float[][] x = new float[700][7];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }

        Neighbours found = NearestNeighbours.find(x, 5);

        for (int i = 0; i < x.length; i += 37) {
            final int q = i;
            double[] d = IntStream.range(0, x.length).mapToDouble(j -> {
                double s = 0;
                for (int t = 0; t < 7; t++) {
                    s += (x[q][t] - x[j][t]) * (x[q][t] - x[j][t]);
                }
                return Math.sqrt(s);
            }).toArray();
            int[] expected = IntStream.range(0, x.length).filter(j -> j != q).boxed()
                    .sorted(Comparator.comparingDouble(j -> d[j])).limit(5).mapToInt(Integer::intValue).toArray();
            assertThat(found.index()[i]).containsExactly(expected);
            for (int r = 0; r < 5; r++) {
                assertThat((double) found.distance()[i][r]).isCloseTo(d[expected[r]], within(1e-3));
            }
        }
    }

    @Test
    void shouldNeverReturnASampleAsItsOwnNeighbour() {
        float[][] x = {{0, 0}, {0, 0}, {0, 0}, {5, 5}};

        Neighbours found = NearestNeighbours.find(x, 2);

        for (int i = 0; i < x.length; i++) {
            final int self = i;
            assertThat(Arrays.stream(found.index()[i]).noneMatch(j -> j == self)).isTrue();
        }
        assertThat(found.index()[0]).containsExactly(1, 2);
    }

    @Test
    void shouldFlagSamplesWhoseNeighboursAgreeOnAnotherLabel() {
        float[][] x = Synthetic.blobs(2, 60, 4, 8, 1);
        int[] labels = Synthetic.labels(2, 60);
        labels[3] = 1;
        labels[70] = 0;

        DetectorResult result = KnnLabels.detect(NearestNeighbours.find(x, 10), labels, 2, 0.7, "test");

        assertThat(IntStream.range(0, labels.length).filter(i -> result.flagged()[i]).toArray()).containsExactly(3, 70);
        assertThat(result.suggested()[3]).isZero();
        assertThat(result.suggested()[70]).isEqualTo(1);
    }
}
