package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream out = console.out();
    private final ByteArrayOutputStream err = console.err();

    /** 20 rows; the last two are labelled against the rule, so accuracy is 0.9. */
    private Path csv() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 20; i++) {
            float a = (i % 2 == 0) ? 0.9f : 0.1f;
            int label = a > 0.5f ? 0 : 1;
            if (i >= 18) {
                label = 1 - label;
            }
            csv.append(a).append(',').append(1 - a).append(',').append(label).append('\n');
        }
        return Files.writeString(dir.resolve("data.csv"), csv.toString());
    }

    @Test
    void shouldEvaluateSavedModelOnCsvAndWriteResultAndReport() throws Exception {
        Path model = LinearSavedModel.write(dir, 2f);
        Path reportDir = dir.resolve("report");

        int exit = SecMLOpsCli.execute("evaluate", "--model", model.toString(), "--data", csv().toString(),
                "--label-column", "label", "--batch-size", "8", "--device", "cpu", "--report-dir", reportDir.toString(),
                "--gate", "ACCURACY:0.95:FAILURE");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.FAILED.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.capability()).isEqualTo("evaluate");
        assertThat(result.metrics()).containsKeys("ACCURACY", "ECE", "LATENCY_P95", "THROUGHPUT");
        assertThat(result.metrics().get("ACCURACY")).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result.details().path("evaluation").path("confusion").toString()).isEqualTo("[[9,1],[1,9]]");
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("Confusion matrix", "Calibration",
                "TensorFlow 2.16.1");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[secmlops] pre-load scan", "engine TensorFlow",
                "on cpu()", "FAILED");
    }

    @Test
    void shouldPassWithDefaultGatesAndNoReference() throws Exception {
        int exit = SecMLOpsCli.execute("evaluate", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data", csv().toString(),
                "--label-column", "-1", "--report-dir", dir.resolve("r").toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
    }

    @Test
    void shouldReportABadValueAsAnInputErrorWithLineAndColumn() throws Exception {
        Path data = Files.writeString(dir.resolve("bad.csv"), "a,b,label\n0.1,0.9,1\n0.2,oops,1\n");

        int exit = SecMLOpsCli.execute("evaluate", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data", data.toString(),
                "--label-column", "label", "--report-dir", dir.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3, column 2", "'oops' is not a number");
    }

    @Test
    void shouldRefuseAReportDirectoryThatIsAFileBeforeAnyWorkAndLeaveTheFileAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "the user's own file\n");

        int exit = SecMLOpsCli.execute("evaluate", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data",
                csv().toString(), "--label-column", "label", "--report-dir", file.toString());

        assertThat(exit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--report-dir", "exists and is not a directory")
                .doesNotContain("internal error");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("engine TensorFlow");
        assertThat(Files.readString(file)).isEqualTo("the user's own file\n");
    }

    @Test
    void shouldRunWithTheUsersThreadsAndRecordWhereAndHowTheModelRan() throws Exception {
        Path reportDir = dir.resolve("threads");

        int exit = SecMLOpsCli.execute("evaluate", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data",
                csv().toString(), "--label-column", "label", "--device", "cpu", "--threads", "1", "--report-dir",
                reportDir.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
        var runtime = ResultJson.read(reportDir.resolve("result.json")).details().path("runtime");
        assertThat(runtime.path("engine").asText()).isEqualTo("TensorFlow 2.16.1");
        assertThat(runtime.path("device").asText()).isEqualTo("cpu()");
        assertThat(runtime.path("threads").path("intraOp").asInt()).isEqualTo(1);
        assertThat(runtime.path("threads").path("chosenBy").asText()).isEqualTo("--threads");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("engine threads: 1 intra-op thread (--threads)");
    }

    @Test
    void shouldRecordTheTimedTrialsOfTheDefaultThreadChoice() throws Exception {
        Path reportDir = dir.resolve("auto");

        int exit = SecMLOpsCli.execute("evaluate", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data",
                csv().toString(), "--label-column", "label", "--device", "cpu", "--report-dir", reportDir.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
        var threads = ResultJson.read(reportDir.resolve("result.json")).details().path("runtime").path("threads");
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores > 1) {
            assertThat(threads.path("chosenBy").asText()).isEqualTo("calibration");
            assertThat(threads.path("calibrationPass").asText()).isEqualTo("forward");
            assertThat(threads.path("trials")).hasSize(2);
            int fasterThreads = threads.path("trials").get(0).path("millisPerBatch").asDouble()
                    < threads.path("trials").get(1).path("millisPerBatch").asDouble() ? 1 : cores;
            assertThat(threads.path("intraOp").asInt()).isEqualTo(fasterThreads);
        } else {
            assertThat(threads.path("chosenBy").asText()).isEqualTo("default");
        }
    }

    @Test
    void shouldRejectZeroThreadsAsAUsageError() throws Exception {
        int exit = SecMLOpsCli.execute("evaluate", "--model", "m", "--data", "d.csv", "--threads", "0",
                "--report-dir", dir.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--threads must be at least 1");
    }

    @Test
    void shouldRejectAnUnknownEngineAsAUsageError() throws Exception {
        int exit = SecMLOpsCli.execute("evaluate", "--model", "m", "--data", "d.csv", "--engine", "caffe",
                "--report-dir", dir.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown engine 'caffe'");
    }

    @Test
    void shouldNameTheClassesInTheConfusionMatrixAndOpenTheReportWithTheVerdict() throws Exception {
        Path model = LinearSavedModel.write(dir, 2f);
        Path reportDir = dir.resolve("report");

        int exit = SecMLOpsCli.execute("evaluate", "--model", model.toString(), "--data", csv().toString(),
                "--label-column", "label", "--device", "cpu", "--class-names", "low,high", "--report-dir",
                reportDir.toString(), "--gate", "ACCURACY:0.95:FAILURE");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.FAILED.code());
        assertThat(ResultJson.read(reportDir.resolve("result.json")).details().path("classNames").toString())
                .isEqualTo("[\"low\",\"high\"]");
        String html = Files.readString(reportDir.resolve("report.html"));
        assertThat(html).contains("FAILED</span> accuracy 0.9 on 20 samples", "aria-label=\"Confusion matrix\"",
                "true class high, predicted class low: 1", "<td>high (1)</td>", "aria-label=\"Reliability diagram\"");
        assertThat(html.indexOf("secmlops-verdict")).isLessThan(html.indexOf("Quality gates"));
    }

    @Test
    void shouldRefuseAClassNamesFileThatIsNotText() throws Exception {
        Path names = Files.write(dir.resolve("names.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});

        int exit = SecMLOpsCli.execute("evaluate", "--model", dir.resolve("m").toString(), "--data",
                csv().toString(), "--class-names", names.toString(), "--report-dir", dir.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the class names in " + names);
        assertThat(dir.resolve("r")).doesNotExist();
    }
}
