package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

class DataCheckCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream out = console.out();
    private final ByteArrayOutputStream err = console.err();

    /**
     * Two well separated classes of 100 rows in 4 columns; the rows on lines 12 and 150 carry the other class's
     * label; line 200's row repeats line 199's. {@code shift} moves the first column of every row.
     */
    private Path csv(String name, double shift) throws Exception {
        Random random = new Random(9);
        StringBuilder csv = new StringBuilder("a,b,c,d,label\n");
        String previous = null;
        for (int line = 2; line <= 201; line++) {
            int label = line % 2;
            String row = String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%.4f",
                    random.nextGaussian() + 6 * label + shift, random.nextGaussian(), random.nextGaussian() - 6 * label,
                    random.nextGaussian());
            if (line == 200) {
                row = previous;
                label = 1 - label;
            }
            if (line == 12 || line == 150) {
                label = 1 - label;
            }
            csv.append(row).append(',').append(label).append('\n');
            previous = row;
        }
        return Files.writeString(dir.resolve(name), csv.toString());
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldFlagPlantedLabelIssuesAndDuplicatesAndLeaveTheInputUntouched() throws Exception {
        Path data = csv("data.csv", 0);
        byte[] before = Files.readAllBytes(data);
        FileTime modified = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(data, modified);
        Path reportDir = dir.resolve("report");

        int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", reportDir.toString(), "--cleaned-out", dir.resolve("clean.csv").toString());

        assertThat(exit).as(errors()).isEqualTo(ExitCode.PASSED.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.capability()).isEqualTo("data");
        assertThat(result.metrics()).containsKeys("SUSPICIOUS_FRACTION", "LABEL_ISSUES", "BACKDOOR_SUSPECTS",
                "DUPLICATES").doesNotContainKeys("DRIFT_MAX_PSI", "INTEGRITY_CHANGES");
        assertThat(result.metrics().get("LABEL_ISSUES")).isEqualTo(2.0);
        String flagged = result.details().path("dataCheck").path("flagged").toString();
        assertThat(flagged).contains("\"id\":\"line 12\"", "\"id\":\"line 150\"", "\"id\":\"line 200\"",
                "confident-learning", "duplicate");
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("Top suspects", "line 12");
        assertThat(Files.readAllLines(reportDir.resolve(DataCheckCommand.SCORES_FILE))).hasSize(201);
        assertThat(Files.readAllLines(dir.resolve("clean.csv"))).hasSizeLessThan(199).doesNotContain(
                Files.readAllLines(data).get(11));
        assertThat(Files.readAllBytes(data)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(data)).isEqualTo(modified);
    }

    @Test
    void shouldCountASampleNewlyFlaggedSinceTheReferenceResult() throws Exception {
        Path data = csv("data.csv", 0);
        assertThat(SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r1").toString())).as(errors()).isZero();
        com.fasterxml.jackson.databind.node.ObjectNode reference = (com.fasterxml.jackson.databind.node.ObjectNode)
                org.secmlops.core.result.Json.mapper().readTree(dir.resolve("r1/result.json").toFile());
        com.fasterxml.jackson.databind.node.ArrayNode flagged = (com.fasterxml.jackson.databind.node.ArrayNode)
                reference.path("details").path("dataCheck").path("flagged");
        for (int i = flagged.size() - 1; i >= 0; i--) {
            if (flagged.get(i).path("id").asText().equals("line 12")) {
                flagged.remove(i);
            }
        }
        Path earlier = dir.resolve("earlier.json");
        org.secmlops.core.result.Json.mapper().writeValue(earlier.toFile(), reference);

        int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r2").toString(), "--reference-result", earlier.toString(),
                "--gate", "NEW_SUSPICIOUS_SAMPLES:0:UNSTABLE");

        assertThat(exit).as(errors()).isEqualTo(ExitCode.UNSTABLE.code());
        GateRunResult result = ResultJson.read(dir.resolve("r2/result.json"));
        assertThat(result.metrics()).containsEntry("NEW_SUSPICIOUS_SAMPLES", 1.0);
        assertThat(result.details().path("sinceReference").path("newIssues")).isNotEmpty()
                .allSatisfy(issue -> assertThat(issue.path("key").asText()).startsWith("line 12 | "));
        assertThat(result.details().path("sinceReference").path("fixedCount").asInt()).isZero();
    }

    @Test
    void shouldFailTheDefaultIntegrityGateAndListTheModifiedSample() throws Exception {
        Path data = csv("data.csv", 0);
        Path manifest = dir.resolve("approved.json");
        assertThat(SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r1").toString(), "--manifest-out", manifest.toString()))
                .as(errors()).isZero();
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(data));
        lines.set(4, lines.get(4).replaceFirst("^[^,]*", "99"));
        Files.write(data, lines);

        int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r2").toString(), "--approved-manifest", manifest.toString());

        assertThat(exit).as(errors()).isEqualTo(ExitCode.FAILED.code());
        GateRunResult result = ResultJson.read(dir.resolve("r2/result.json"));
        assertThat(result.metrics().get("INTEGRITY_CHANGES")).isEqualTo(1.0);
        assertThat(result.details().path("dataCheck").path("integrity").path("modified").toString())
                .isEqualTo("[\"line 5\"]");
    }

    @Test
    void shouldMeasureDriftAgainstAReference() throws Exception {
        Path reference = csv("reference.csv", 0);
        Path data = csv("data.csv", 3);

        int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--reference", reference.toString(), "--report-dir", dir.resolve("r").toString());

        assertThat(exit).as(errors()).isEqualTo(ExitCode.UNSTABLE.code());
        GateRunResult result = ResultJson.read(dir.resolve("r/result.json"));
        assertThat(result.metrics().get("DRIFT_MAX_PSI")).isGreaterThan(0.25);
        assertThat(result.details().path("dataCheck").path("drift").path("top").get(0).path("feature").asInt())
                .isZero();
    }

    @Test
    void shouldNameClassesFromAFileAndDriftedFeaturesByTheirColumnInTheReport() throws Exception {
        Path reference = csv("reference.csv", 0);
        Path data = csv("data.csv", 3);
        Path names = Files.writeString(dir.resolve("classes.txt"), "negative\npositive\n");

        int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--reference", reference.toString(), "--class-names", names.toString(), "--report-dir",
                dir.resolve("r").toString());

        assertThat(exit).as(errors()).isEqualTo(ExitCode.UNSTABLE.code());
        GateRunResult result = ResultJson.read(dir.resolve("r/result.json"));
        assertThat(result.details().path("classNames").toString()).isEqualTo("[\"negative\",\"positive\"]");
        assertThat(result.details().path("dataCheck").path("drift").path("top").get(0).path("name").asText())
                .isEqualTo("a");
        assertThat(Files.readString(dir.resolve("r/report.html"))).contains("UNSTABLE</span> ",
                "aria-label=\"Drift per feature (PSI)\"", "<td>a</td>", "positive (1): 103 samples"); // 100 + lines 12, 150, 200
    }

    @Test
    void classNamesMayBeGivenAsAList() throws Exception {
        Path data = csv("data.csv", 0);

        int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--class-names", "cat,dog", "--report-dir", dir.resolve("r").toString());

        assertThat(exit).as(errors()).isEqualTo(ExitCode.PASSED.code());
        assertThat(ResultJson.read(dir.resolve("r/result.json")).details().path("classNames").toString())
                .isEqualTo("[\"cat\",\"dog\"]");
    }

    @Test
    void aRerunWithTheLearnerCacheShouldReuseUnchangedSamplesAndFindTheSameIssues() throws Exception {
        Path data = csv("data.csv", 0);
        Path cache = dir.resolve("cache/learner.bin");

        int first = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r1").toString(), "--learner-cache", cache.toString());
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        lines.add("0.5000,0.5000,0.5000,0.5000,1");
        Files.write(data, lines);
        out.reset();
        int second = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r2").toString(), "--learner-cache", cache.toString());

        assertThat(first).as(errors()).isEqualTo(ExitCode.PASSED.code());
        assertThat(second).as(errors()).isEqualTo(ExitCode.PASSED.code());
        String log = out.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("samples from " + cache, "learner cache: 200 samples unchanged since the cached"
                + " check, the learners ran for the 1 added or modified", "written to " + cache);
        assertThat(ResultJson.read(dir.resolve("r2/result.json")).details().path("dataCheck").path("flagged")
                .toString()).contains("\"id\":\"line 12\"", "\"id\":\"line 150\"");
    }

    @Test
    void shouldRefuseALearnerCachePathThatHoldsSomethingElse() throws Exception {
        Path data = csv("data.csv", 0);
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes");
        Path folder = Files.createDirectories(dir.resolve("folder"));

        int overNotes = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r").toString(), "--learner-cache", notes.toString());
        int overFolder = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r").toString(), "--learner-cache", folder.toString());

        assertThat(overNotes).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(overFolder).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(errors()).contains("notes.txt holds a file that is not a learner cache (an output of an earlier"
                + " run); refusing to overwrite it", "folder exists and is not a regular file (a folder)");
        assertThat(Files.readString(notes)).isEqualTo("my notes");
    }

    @Test
    void shouldRefuseToWriteTheCleanedCopyOverTheInput() throws Exception {
        Path data = csv("data.csv", 0);
        byte[] before = Files.readAllBytes(data);

        int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r").toString(), "--cleaned-out", data.toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(errors()).contains("refusing to overwrite");
        assertThat(Files.readAllBytes(data)).isEqualTo(before);
    }

    @Test
    void shouldReportAnEmptyFileAndASingleClassAsInputErrors() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        Path single = Files.writeString(dir.resolve("single.csv"), "a,label\n1,3\n2,3\n4,3\n5,3\n6,3\n");

        int emptyExit = SecMLOpsCli.execute("data-check", "--data", empty.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r1").toString());
        int singleExit = SecMLOpsCli.execute("data-check", "--data", single.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r2").toString());

        assertThat(emptyExit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(singleExit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(errors()).contains("is empty", "single class");
    }

    @Test
    void shouldWriteIdenticalResultsForIdenticalInput() throws Exception {
        Path data = csv("data.csv", 0);

        SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label", "--report-dir",
                dir.resolve("a").toString());
        SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label", "--report-dir",
                dir.resolve("b").toString());

        assertThat(ResultJson.read(dir.resolve("b/result.json")).details())
                .isEqualTo(ResultJson.read(dir.resolve("a/result.json")).details());
        assertThat(Files.readString(dir.resolve("b/sample-scores.csv")))
                .isEqualTo(Files.readString(dir.resolve("a/sample-scores.csv")));
        assertThat(ResultJson.read(dir.resolve("a/result.json")).metrics().get("SUSPICIOUS_FRACTION"))
                .isCloseTo(0.0, within(0.1));
    }

    @Test
    void shouldUseTheModelsProbabilitiesAndLogitsWhenAModelIsGiven() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        Random random = new Random(5);
        for (int i = 0; i < 60; i++) {
            int label = i % 2;
            double a = (label == 0 ? 1 : 0) + 0.1 * random.nextGaussian();
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%d%n", a, 1 - a, i == 7 ? 0 : label));
        }
        Path data = Files.writeString(dir.resolve("two.csv"), csv.toString());

        int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--model", LinearSavedModel.write(dir, 4f).toString(), "--device", "cpu", "--threads", "1",
                "--report-dir", dir.resolve("r").toString());

        assertThat(exit).as(errors()).isEqualTo(ExitCode.PASSED.code());
        GateRunResult result = ResultJson.read(dir.resolve("r/result.json"));
        assertThat(result.details().path("dataCheck").path("probabilities").asText())
                .contains("represented by its penultimate activations x:0 (2 values)");
        assertThat(result.details().path("dataCheck").path("flagged").toString()).contains("\"id\":\"line 9\"");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[secmlops] pre-load scan");
        assertThat(result.details().path("runtime").path("device").asText()).isEqualTo("cpu()");
        assertThat(result.details().path("runtime").path("threads").path("intraOp").asInt()).isEqualTo(1);
        assertThat(result.details().path("runtime").path("threads").path("chosenBy").asText()).isEqualTo("--threads");
    }
}
