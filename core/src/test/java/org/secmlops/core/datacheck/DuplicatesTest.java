package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DuplicatesTest {
    @Test
    void shouldFindExactCopiesConflictingLabelsAndNearCopies() {
        float[][] x = Synthetic.blobs(2, 50, 6, 6, 5);
        int[] labels = Synthetic.labels(2, 50);
        x[10] = x[3].clone();
        x[60] = x[55].clone();
        labels[60] = 0;
        x[80] = x[70].clone();
        x[80][2] += 1e-4f;
        DataTable table = PlantedData.table("t", x, labels, new int[] {6}, false);
        float[][] scaled = FeatureScaling.scale(table);

        Duplicates.Groups groups = Duplicates.groups(SampleDigests.features(table), labels,
                (a, b) -> Math.sqrt(Linear.squaredDistance(scaled[a], scaled[b])), NearestNeighbours.find(scaled, 5),
                0.05);
        DetectorResult result = Duplicates.detect(groups, labels, 2, 0.05);

        assertThat(groups.exact()).extracting(g -> List.of(g[0], g[1])).containsExactly(List.of(3, 10),
                List.of(55, 60));
        assertThat(groups.conflicts()).extracting(g -> List.of(g[0], g[1])).containsExactly(List.of(55, 60));
        assertThat(groups.near()).extracting(g -> List.of(g[0], g[1])).containsExactly(List.of(70, 80));
        assertThat(IntStream.range(0, x.length).filter(i -> result.flagged()[i]).toArray())
                .containsExactly(10, 55, 60, 80);
    }

    @Test
    void shouldTreatNegativeAndPositiveZeroAsTheSameValue() {
        DataTable table = PlantedData.table("t", new float[][] {{0f, 1f}, {-0f, 1f}, {2f, 3f}}, new int[] {0, 0, 1},
                new int[] {2}, false);

        byte[] digests = SampleDigests.features(table);

        assertThat(Arrays.copyOfRange(digests, 0, 32)).isEqualTo(Arrays.copyOfRange(digests, 32, 64))
                .isNotEqualTo(Arrays.copyOfRange(digests, 64, 96));
    }
}
