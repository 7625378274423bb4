package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.result.Json;

class DataCheckTest {
    @TempDir
    Path dir;

    private static DataCheckResult check(DataTable data) throws DatasetException {
        return new DataCheck(DataCheckOptions.defaults(), line -> { }).run(data, null, null, null);
    }

    @Test
    void shouldFindTenPercentLabelFlipsOnDigitsWithPrecisionAndRecallOfAtLeast085() throws Exception {
        DataTable clean = PlantedData.digits();
        Random random = new Random(42);
        int[] flipped = PlantedData.choose(clean.size(), 0.10, random);
        DataTable noisy = PlantedData.flipLabels(clean, flipped, 10, random);

        DataCheckResult result = check(noisy);

        DetectorResult cl = result.detectors().stream().filter(d -> d.detector().equals(ConfidentLearning.ID))
                .findFirst().orElseThrow();
        long found = java.util.Arrays.stream(flipped).filter(i -> cl.flagged()[i]).count();
        assertThat((double) found / flipped.length).as("recall").isGreaterThanOrEqualTo(0.85);
        assertThat((double) found / cl.flaggedCount()).as("precision").isGreaterThanOrEqualTo(0.85);
        assertThat(result.report().labelIssues()).isEqualTo(cl.flaggedCount());
        long rightSuggestions = java.util.Arrays.stream(flipped)
                .filter(i -> cl.flagged()[i] && cl.suggested()[i] == clean.labels()[i]).count();
        assertThat((double) rightSuggestions / found).as("suggestions that restore the label").isGreaterThan(0.9);
    }

    @Test
    void shouldFindABadNetsTriggerOnDigitsAsBackdoorSuspects() throws Exception {
        DataTable clean = PlantedData.digits();
        int[] sevens = PlantedData.ofClass(clean, 7);
        int[] chosen = java.util.Arrays.stream(PlantedData.choose(sevens.length, 0.05, new Random(7)))
                .map(i -> sevens[i]).toArray();
        DataTable poisoned = PlantedData.backdoor(clean, chosen, 8, 3, 16f, 0);

        DataCheckResult result = check(poisoned);

        DetectorResult backdoor = result.detectors().stream().filter(d -> d.detector().equals(Backdoors.ID))
                .findFirst().orElseThrow();
        assertThat(java.util.stream.IntStream.range(0, clean.size()).filter(i -> backdoor.flagged()[i]).toArray())
                .containsExactlyInAnyOrder(chosen);
        assertThat(result.report().backdoorSuspects()).isEqualTo(chosen.length);
        assertThat(result.report().suspects()).extracting(Suspect::index).contains(chosen[0]);
    }

    @Test
    void shouldGiveIdenticalResultsForIdenticalInput() throws Exception {
        DataTable data = PlantedData.flipLabels(PlantedData.digits(), new int[] {1, 2, 3}, 10, new Random(1));

        String first = Json.mapper().writeValueAsString(check(data).report());
        String second = Json.mapper().writeValueAsString(check(data).report());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldGiveIdenticalResultsWhateverTheNumberOfThreads() throws Exception {
        DataTable data = PlantedData.flipLabels(PlantedData.digits(), new int[] {5, 50, 500}, 10, new Random(2));
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        java.util.concurrent.ForkJoinPool three = new java.util.concurrent.ForkJoinPool(3);
        try {
            String single = one.submit(() -> Json.mapper().writeValueAsString(check(data).report())).get();
            String parallel = three.submit(() -> Json.mapper().writeValueAsString(check(data).report())).get();

            assertThat(parallel).isEqualTo(single);
        } finally {
            one.shutdown();
            three.shutdown();
        }
    }

    @Test
    void shouldListEveryFlaggedSampleWithItsDetectorsAndTopSuspectsWithThumbnailsOfImages() throws Exception {
        float[][] x = new float[60][16];
        int[] y = new int[60];
        Random random = new Random(4);
        for (int i = 0; i < 60; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 16; j++) {
                x[i][j] = (float) Math.floor(random.nextInt(60) + (y[i] == 1 && j < 8 ? 190 : 0));
            }
        }
        x[7] = x[2].clone();
        DataTable data = PlantedData.table("images", x, y, new int[] {4, 4}, true);

        DataCheckReport report = new DataCheck(DataCheckOptions.defaults().withMaxSuspects(1), line -> { })
                .run(data, null, null, null).report();

        assertThat(report.flagged()).hasSize(report.suspicious());
        assertThat(report.flagged()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("#7");
            assertThat(f.detectors()).contains(Duplicates.ID);
        });
        assertThat(report.suspects()).hasSize(1);
        assertThat(report.suspects().get(0).thumbnail()).startsWith("data:image/png;base64,");
        assertThat(report.conflicts()).containsExactly(java.util.List.of("#2", "#7"));
    }

    @Test
    void shouldRefuseDataWithASingleClass() throws Exception {
        Path csv = Files.writeString(dir.resolve("one.csv"), "a,b,label\n1,2,0\n3,4,0\n5,6,0\n");

        try (SampleSource source = Datasets.open(DataSpec.of(csv).withLabelColumn("label"))) {
            assertThatThrownBy(() -> DataTableReader.read(source, 2)).isInstanceOf(DatasetException.class)
                    .hasMessageContaining("single class");
        }
    }

    @Test
    void shouldRefuseAnEmptyFile() throws Exception {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "");

        assertThatThrownBy(() -> Datasets.open(DataSpec.of(csv).withLabelColumn("label")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("is empty");
    }

    @Test
    void shouldRefuseAFileWithOnlyAHeader() throws Exception {
        Path csv = Files.writeString(dir.resolve("header.csv"), "a,b,label\n");

        try (SampleSource source = Datasets.open(DataSpec.of(csv).withLabelColumn("label"))) {
            assertThatThrownBy(() -> DataTableReader.read(source, 2)).isInstanceOf(DatasetException.class)
                    .hasMessageContaining("holds no samples");
        }
    }

    @Test
    void shouldNameTheLineAndColumnOfANanOrAMalformedRow() throws Exception {
        Path nan = Files.writeString(dir.resolve("nan.csv"), "a,b,label\n1,2,0\n3,NaN,1\n", StandardCharsets.UTF_8);
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,label\n1,2,0\n3,1\n", StandardCharsets.UTF_8);

        try (SampleSource source = Datasets.open(DataSpec.of(nan).withLabelColumn("label"))) {
            assertThatThrownBy(() -> DataTableReader.read(source, 2)).isInstanceOf(DatasetException.class)
                    .hasMessageContaining("line 3, column 2").hasMessageContaining("not a finite number");
        }
        try (SampleSource source = Datasets.open(DataSpec.of(ragged).withLabelColumn("label"))) {
            assertThatThrownBy(() -> DataTableReader.read(source, 2)).isInstanceOf(DatasetException.class)
                    .hasMessageContaining("line 3: 2 columns, expected 3");
        }
    }

    @Test
    void shouldRefuseFewerSamplesThanFolds() {
        DataTable tiny = PlantedData.table("tiny", new float[][] {{1}, {2}, {3}}, new int[] {0, 1, 0}, new int[] {1},
                false);

        assertThatThrownBy(() -> check(tiny)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("at least 5");
    }

    @Test
    void shouldReduceAWideModelRepresentationToItsPrincipalComponentsAndStillFindAFlippedLabel() throws Exception {
        int perClass = 40;
        float[][] activations = Synthetic.blobs(3, perClass, 48, 0.3, 9);
        int[] labels = Synthetic.labels(3, perClass);
        labels[5] = 2;
        float[][] probabilities = new float[activations.length][3];
        for (int i = 0; i < activations.length; i++) {
            probabilities[i][i / perClass] = 0.96f;
            probabilities[i][(i / perClass + 1) % 3] = 0.02f;
            probabilities[i][(i / perClass + 2) % 3] = 0.02f;
        }
        DataTable data = PlantedData.table("d", activations, labels, new int[] {48}, false);

        DataCheckResult result = new DataCheck(DataCheckOptions.defaults(), line -> { })
                .run(data, new ModelOutputs(probabilities, activations, "m"), null, null);

        assertThat(result.report().embedding()).contains("m", "reduced to its top 32 principal components");
        assertThat(result.report().suspects()).extracting(Suspect::id).contains("#5");
    }

    @Test
    void shouldRefuseModelOutputsWithFewerClassesThanTheLabels() {
        DataTable data = PlantedData.table("d", Synthetic.blobs(3, 5, 2, 4, 1), Synthetic.labels(3, 5),
                new int[] {2}, false);
        float[][] two = new float[15][2];
        ModelOutputs outputs = new ModelOutputs(two, two, "m");

        assertThatThrownBy(() -> new DataCheck(DataCheckOptions.defaults(), line -> { }).run(data, outputs, null, null))
                .isInstanceOf(DatasetException.class).hasMessageContaining("only 2 outputs");
    }
}
