package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApproximateNeighboursTest {
    /** 30 tight clusters of 200 points in 16 dimensions: structure like real embeddings, unlike uniform noise. */
    private static float[][] clustered(long seed) {
        Random random = new Random(seed);
        float[][] x = new float[6000][16];
        float[][] centres = new float[30][16];
        for (float[] c : centres) {
            for (int j = 0; j < c.length; j++) {
                c[j] = (float) (random.nextGaussian() * 4);
            }
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 16; j++) {
                x[i][j] = centres[i % 30][j] + (float) random.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void shouldFindMostOfTheExactNeighbours() {
        float[][] x = clustered(1);

        Neighbours exact = NearestNeighbours.find(x, 10);
        Neighbours approximate = ApproximateNeighbours.find(x, 10, ApproximateNeighbours.PROBES, 0);

        long shared = 0;
        for (int i = 0; i < x.length; i++) {
            int[] truth = exact.index()[i];
            shared += Arrays.stream(approximate.index()[i]).filter(j -> Arrays.stream(truth).anyMatch(t -> t == j))
                    .count();
        }
        assertThat((double) shared / x.length / 10).isGreaterThan(0.9);
    }

    @Test
    void shouldReturnDistinctOtherSamplesNearestFirstWithTheirTrueDistances() {
        float[][] x = clustered(2);

        Neighbours found = ApproximateNeighbours.find(x, 5, 4, 7);

        for (int i = 0; i < x.length; i += 13) {
            assertThat(found.index()[i]).doesNotHaveDuplicates().doesNotContain(i);
            for (int r = 0; r < 5; r++) {
                double truth = Math.sqrt(Linear.squaredDistance(x[i], x[found.index()[i][r]]));
                assertThat((double) found.distance()[i][r]).isCloseTo(truth, within(1e-3 * (1 + truth)));
                if (r > 0) {
                    assertThat(found.distance()[i][r]).isGreaterThanOrEqualTo(found.distance()[i][r - 1]);
                }
            }
        }
    }

    @Test
    void shouldGiveTheSameNeighboursForTheSameSeed() {
        float[][] x = clustered(3);

        Neighbours a = ApproximateNeighbours.find(x, 5, 3, 11);
        Neighbours b = ApproximateNeighbours.find(x, 5, 3, 11);

        assertThat(a.index()).isDeepEqualTo(b.index());
    }

    @Test
    void shouldProbeMoreCellsWhenTheNearestHoldTooFewSamples() {
        float[][] x = new float[40][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = i % 2 == 0 ? i : 1000 + i;
        }

        Neighbours found = ApproximateNeighbours.find(x, 12, 1, 0);

        for (int[] row : found.index()) {
            assertThat(row).hasSize(12).doesNotContain(-1);
        }
    }
}
