package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.SampleSource;

/** The paths taken for data larger than the heap or than the exact neighbour search. */
class LargeDataCheckTest {
    @TempDir
    Path scratch;

    private long scratchFiles() throws IOException {
        try (Stream<Path> list = Files.list(scratch)) {
            return list.count();
        }
    }

    private static DetectorResult detector(Analysis analysis, String id) {
        return analysis.detectors().stream().filter(d -> d.detector().equals(id)).findFirst().orElseThrow();
    }

    private static int[] flaggedBy(DetectorResult result) {
        return IntStream.range(0, result.flagged().length).filter(i -> result.flagged()[i]).toArray();
    }

    @Test
    void shouldReportTheSameWhetherTheFeaturesLieOnTheHeapOrInAScratchFile() throws Exception {
        DataTable onHeap = DataTableReader.read(new ClusterSource(1500, 40, 5, 0.5, 0.05, 3), 2, Long.MAX_VALUE,
                scratch);
        DataTable mapped = DataTableReader.read(new ClusterSource(1500, 40, 5, 0.5, 0.05, 3), 2, 0, scratch);

        DataCheckResult a = new DataCheck(DataCheckOptions.defaults(), line -> { }).run(onHeap, null, null, null);
        DataCheckResult b = new DataCheck(DataCheckOptions.defaults(), line -> { }).run(mapped, null, null, null);

        assertThat(onHeap.features().offHeap()).isFalse();
        assertThat(mapped.features().offHeap()).isTrue();
        assertThat(mapped.ids()).isInstanceOf(SampleIds.class).element(1499).isEqualTo("#1499");
        assertThat(b.suspicious()).isEqualTo(a.suspicious());
        assertThat(b.combined()).isEqualTo(a.combined());
        assertThat(b.manifest().digest()).isEqualTo(a.manifest().digest());
        assertThat(scratchFiles()).isZero();
    }

    @Test
    void shouldDeleteTheScratchFileWhenTheDataTurnsOutMalformed() throws IOException {
        SampleSource source = new SampleSource() {
            private int batches;

            @Override
            public String description() {
                return "ragged";
            }

            @Override
            public int[] sampleShape() {
                return new int[] {2};
            }

            @Override
            public boolean eightBit() {
                return false;
            }

            @Override
            public Batch next(int max) {
                int width = batches++ == 0 ? 2 : 3;
                return new Batch(List.of("#" + batches), new float[][] {new float[width]}, new int[] {batches % 2});
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> DataTableReader.read(source, 2, 0, scratch)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("sample #2 has 3 values, the first sample 2");
        assertThat(scratchFiles()).isZero();
    }

    @Test
    void shouldFlagThePlantedLabelFlipsAndDuplicatesAlikeWithApproximateNeighbours() {
        DataTable clean = PlantedData.digits();
        Random random = new Random(42);
        int[] flipped = PlantedData.choose(clean.size(), 0.10, random);
        DataTable noisy = PlantedData.flipLabels(clean, flipped, 10, random);
        float[][] x = new float[noisy.size()][];
        Arrays.setAll(x, noisy.features()::row);
        x[100] = x[50].clone();
        DataTable data = new DataTable("d", noisy.ids(), x, noisy.labels(), noisy.sampleShape(), false);

        Analysis exact = Detectors.run(data, null, DataCheckOptions.defaults(), line -> { }, Integer.MAX_VALUE);
        Analysis approximate = Detectors.run(data, null, DataCheckOptions.defaults(), line -> { }, 0);

        for (String id : List.of(ConfidentLearning.ID, KnnLabels.ID)) {
            int[] a = flaggedBy(detector(exact, id));
            int[] b = flaggedBy(detector(approximate, id));
            long shared = Arrays.stream(b).filter(i -> Arrays.binarySearch(a, i) >= 0).count();
            assertThat((double) shared / Math.max(a.length, b.length)).as(id).isGreaterThan(0.9);
            assertThat(Arrays.stream(flipped).filter(i -> Arrays.binarySearch(b, i) >= 0).count())
                    .as(id + " planted flips found").isGreaterThanOrEqualTo(
                            (long) (0.95 * Arrays.stream(flipped).filter(i -> Arrays.binarySearch(a, i) >= 0).count()));
        }
        assertThat(flaggedBy(detector(approximate, Duplicates.ID))).isEqualTo(flaggedBy(detector(exact,
                Duplicates.ID)));
        assertThat(flaggedBy(detector(approximate, Backdoors.ID))).isEqualTo(flaggedBy(detector(exact,
                Backdoors.ID)));
    }
}
