package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.run.Measurement;

/** {@link DataCheckRun} end to end on small CSV files: the outputs it is asked for and the drift it measures. */
class DataCheckRunTest {
    private static final int ROWS = 120;

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    /** Two well separated classes; {@code shift} moves the first column of every row. */
    private Path csv(String name, double shift) throws Exception {
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < ROWS; i++) {
            int label = i % 2;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%d%n", random.nextGaussian() + 6 * label + shift,
                    random.nextGaussian(), random.nextGaussian() - 6 * label, label));
        }
        return Files.writeString(dir.resolve(name), csv.toString());
    }

    @Test
    void shouldWriteTheScoresAndManifestAndMeasureNoDriftAgainstItself() throws Exception {
        Path data = csv("data.csv", 0);
        Path scores = dir.resolve("sample-scores.csv");
        Path manifest = dir.resolve("manifest.json");
        DataCheckRequest request = DataCheckRequest.builder(DataSpec.of(data).withLabelColumn("label"), scores)
                .reference(DataSpec.of(data).withLabelColumn("label")).manifestOut(manifest).build();

        Measurement measurement = DataCheckRun.run(request, progress::add);

        assertThat(measurement.metrics()).containsKeys(DataCheckCapability.DUPLICATES)
                .doesNotContainKey(DataCheckCapability.INTEGRITY_CHANGES);
        assertThat(measurement.metrics().get(DataCheckCapability.DRIFT_MAX_PSI)).isCloseTo(0.0, within(1e-9));
        assertThat(Files.readAllLines(scores)).hasSize(ROWS + 1);
        assertThat(DataManifest.read(manifest).samples()).isEqualTo(ROWS);
        assertThat(progress.get(0)).startsWith("data: ");
        assertThat(progress).anyMatch(line -> line.startsWith("manifest sha256:"));
    }

    @Test
    void shouldMeasureTheDriftOfAShiftedColumn() throws Exception {
        DataCheckRequest request = DataCheckRequest.builder(
                DataSpec.of(csv("data.csv", 3)).withLabelColumn("label"), dir.resolve("scores.csv"))
                .reference(DataSpec.of(csv("reference.csv", 0)).withLabelColumn("label")).build();

        Measurement measurement = DataCheckRun.run(request, progress::add);

        assertThat(measurement.metrics().get(DataCheckCapability.DRIFT_MAX_PSI)).isGreaterThan(0.25);
    }

    @Test
    void shouldRefuseToWriteTheCleanedCopyOverAnInput() throws Exception {
        Path data = csv("data.csv", 0);
        Path reference = csv("reference.csv", 0);
        DataCheckRequest request = DataCheckRequest.builder(DataSpec.of(data).withLabelColumn("label"),
                dir.resolve("scores.csv")).reference(DataSpec.of(reference).withLabelColumn("label"))
                .cleanedOut(reference).build();

        assertThat(request.inputs()).contains(data, reference);
        assertThatThrownBy(() -> DataCheckRun.run(request, progress::add)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Refusing to write the cleaned copy over the input");
    }
}
