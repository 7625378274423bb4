package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

class RobustnessCommandTest {
    /** (x0, x1) pairs; class 0 when x0 > x1. |x0 - x1| is 0.2, 0.4 or 0.8, never within 0.02 of 2 eps. */
    private static final float[][] POINTS = {
        {0.6f, 0.4f}, {0.4f, 0.6f}, {0.7f, 0.3f}, {0.3f, 0.7f}, {0.95f, 0.15f}, {0.1f, 0.9f},
        {0.55f, 0.35f}, {0.35f, 0.55f}, {0.65f, 0.25f}, {0.2f, 0.6f}, {0.9f, 0.1f}, {0.15f, 0.95f}};

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream out = console.out();
    private final ByteArrayOutputStream err = console.err();

    /** The points labelled by the rule, except the last, which is labelled against it. */
    private Path csv() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < POINTS.length; i++) {
            int label = POINTS[i][0] > POINTS[i][1] ? 0 : 1;
            if (i == POINTS.length - 1) {
                label = 1 - label;
            }
            csv.append(String.format(Locale.ROOT, "%s,%s,%d%n", POINTS[i][0], POINTS[i][1], label));
        }
        return Files.writeString(dir.resolve("data.csv"), csv.toString());
    }

    /**
     * The optimal L∞ attack on this model moves x0 and x1 by eps towards each other, so a correctly classified point
     * is robust exactly when |x0 - x1| > 2 eps (no clipping interferes for these points).
     */
    private static double closedFormRobustAccuracy(double eps) {
        int robust = 0;
        for (int i = 0; i < POINTS.length - 1; i++) {
            robust += Math.abs(POINTS[i][0] - POINTS[i][1]) > 2 * eps ? 1 : 0;
        }
        return (double) robust / POINTS.length;
    }

    @Test
    void shouldStopWithTheCancelledExitCodeWhenInterruptedBetweenAttacks() throws Exception {
        Path reportDir = dir.resolve("report");
        Thread command = Thread.currentThread();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line.contains("model outputs 2 classes")) {
                    command.interrupt();
                }
            }
        });

        int exit = SecMLOpsCli.execute("robustness", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data",
                csv().toString(), "--label-column", "label", "--valid-range", "0,1", "--attack", "fgsm,pgd,square",
                "--eps", "0.05", "--device", "cpu", "--report-dir", reportDir.toString());

        boolean stillInterrupted = Thread.interrupted();
        assertThat(stillInterrupted).isFalse();
        assertThat(exit).isEqualTo(ExitCode.CANCELLED.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ERROR: cancelled");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("fgsm (linf) at eps");
        assertThat(reportDir.resolve("result.json")).doesNotExist();
    }

    @Test
    void shouldClipToTheRangeObservedInTheDataWhenNoneIsGivenAndFlagARunThatDoesNotClip() throws Exception {
        Path observedDir = dir.resolve("observed");
        Path noneDir = dir.resolve("none");
        String model = LinearSavedModel.write(dir, 2f).toString();

        int observed = SecMLOpsCli.execute("robustness", "--model", model, "--data", csv().toString(),
                "--label-column", "label", "--attack", "fgsm", "--eps", "0.05", "--device", "cpu", "--report-dir",
                observedDir.toString());
        int none = SecMLOpsCli.execute("robustness", "--model", model, "--data", csv().toString(), "--label-column",
                "label", "--valid-range", "none", "--attack", "fgsm", "--eps", "0.05", "--device", "cpu",
                "--report-dir", noneDir.toString());
        int reversed = SecMLOpsCli.execute("robustness", "--model", model, "--data", csv().toString(),
                "--label-column", "label", "--valid-range", "1,0", "--attack", "fgsm", "--eps", "0.05",
                "--report-dir", dir.resolve("reversed").toString());

        assertThat(observed).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
        GateRunResult clipped = ResultJson.read(observedDir.resolve("result.json"));
        assertThat(clipped.details().path("robustness").path("inputRange").asText()).isEqualTo("[0.1, 0.95]");
        assertThat(clipped.details().path("validRangeSource").asText()).startsWith("observed in the first 12 samples");
        assertThat(clipped.metrics()).containsEntry("VALIDITY_FLAGS", 0.0);
        assertThat(Files.readString(observedDir.resolve("report.html"))).contains("observed in the first 12 samples");
        GateRunResult unclipped = ResultJson.read(noneDir.resolve("result.json"));
        assertThat(unclipped.details().path("robustness").path("validityFlags").findValuesAsText("id"))
                .containsExactly("UNBOUNDED_INPUTS");
        assertThat(unclipped.metrics()).containsEntry("VALIDITY_FLAGS", 1.0);
        assertThat(none).isEqualTo(ExitCode.UNSTABLE.code());
        assertThat(reversed).isEqualTo(ExitCode.USAGE_ERROR.code());
    }

    @Test
    void shouldAttackASavedModelAndReportTheClosedFormRobustAccuracy() throws Exception {
        Path reportDir = dir.resolve("report");

        int exit = SecMLOpsCli.execute("robustness", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data",
                csv().toString(), "--label-column", "label", "--valid-range", "0,1", "--attack",
                "fgsm,pgd,apgd,square,noise,contrast", "--eps", "0.05,0.3", "--steps", "10", "--queries", "200",
                "--severities", "1,5", "--device", "cpu", "--report-dir", reportDir.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.capability()).isEqualTo("robustness");
        assertThat(result.metrics().get("CLEAN_ACCURACY")).isEqualTo((POINTS.length - 1.0) / POINTS.length);
        assertThat(result.metrics().get("ROBUST_ACCURACY")).isEqualTo(closedFormRobustAccuracy(0.3));
        assertThat(result.metrics().get("ROBUST_ACCURACY_DROP")).isCloseTo(
                (POINTS.length - 1.0) / POINTS.length - closedFormRobustAccuracy(0.3),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(result.metrics()).containsKeys("ATTACK_SUCCESS_RATE", "CORRUPTION_ACCURACY", "VALIDITY_FLAGS");
        assertThat(result.metrics().get("VALIDITY_FLAGS")).isZero();
        JsonNode robustness = result.details().path("robustness");
        assertThat(robustness.path("attacks")).hasSize(8);
        for (JsonNode attack : robustness.path("attacks")) {
            assertThat(attack.path("robustAccuracy").asDouble()).as(attack.toString())
                    .isEqualTo(closedFormRobustAccuracy(attack.path("epsilon").asDouble()));
        }
        assertThat(robustness.path("corruptions")).hasSize(4);
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("Robustness curve",
                "Natural corruptions", "Validity checks");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[secmlops] valid input range [0.0, 1.0]",
                "robustness of 12 samples", "PASSED");
        assertThreadTrialsTimed(result, "forward+backward");
    }

    @Test
    void shouldTimeForwardPassesForTheThreadChoiceWhenNoAttackNeedsGradients() throws Exception {
        Path reportDir = dir.resolve("black-box");

        int exit = SecMLOpsCli.execute("robustness", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data",
                csv().toString(), "--label-column", "label", "--valid-range", "0,1", "--attack", "square,noise",
                "--eps", "0.05", "--queries", "20", "--device", "cpu", "--report-dir", reportDir.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
        assertThreadTrialsTimed(ResultJson.read(reportDir.resolve("result.json")), "forward");
    }

    private void assertThreadTrialsTimed(GateRunResult result, String pass) {
        JsonNode threads = result.details().path("runtime").path("threads");
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(threads.path("chosenBy").asText()).isEqualTo("calibration");
            assertThat(threads.path("calibrationPass").asText()).isEqualTo(pass);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("(calibration: " + pass + " 1 thread ");
        } else {
            assertThat(threads.path("calibrationPass").asText()).isEqualTo("none");
        }
    }

    @Test
    void shouldCountTheSamplesRobustInTheReferenceRunAndBrokenNowByTheClosedForm() throws Exception {
        String model = LinearSavedModel.write(dir, 2f).toString();
        String data = csv().toString();
        int before = SecMLOpsCli.execute("robustness", "--model", model, "--data", data, "--label-column", "label",
                "--valid-range", "0,1", "--attack", "fgsm", "--eps", "0.05", "--device", "cpu", "--report-dir",
                dir.resolve("before").toString());

        int after = SecMLOpsCli.execute("robustness", "--model", model, "--data", data, "--label-column", "label",
                "--valid-range", "0,1", "--attack", "fgsm", "--eps", "0.3", "--device", "cpu", "--report-dir",
                dir.resolve("after").toString(), "--reference-result", dir.resolve("before/result.json").toString(),
                "--gate", "NEWLY_BROKEN_SAMPLES:0:UNSTABLE");

        assertThat(before).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
        assertThat(after).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.UNSTABLE.code());
        long robustBefore = java.util.stream.IntStream.range(0, POINTS.length - 1)
                .filter(i -> Math.abs(POINTS[i][0] - POINTS[i][1]) > 2 * 0.05).count();
        long robustAfter = java.util.stream.IntStream.range(0, POINTS.length - 1)
                .filter(i -> Math.abs(POINTS[i][0] - POINTS[i][1]) > 2 * 0.3).count();
        GateRunResult result = ResultJson.read(dir.resolve("after/result.json"));
        assertThat(result.metrics().get("NEWLY_BROKEN_SAMPLES")).isEqualTo((double) (robustBefore - robustAfter));
        JsonNode since = result.details().path("sinceReference");
        assertThat(since.path("outstandingCount").asInt()).as("the mislabelled sample, never robust").isEqualTo(1);
        assertThat(since.path("fixedCount").asInt()).isZero();
        assertThat(Files.readString(dir.resolve("after/report.html"))).contains("Since the reference build",
                (robustBefore - robustAfter) + " new</strong>");
    }

    @Test
    void shouldFailARobustAccuracyGateAndCertifyWithSmoothing() throws Exception {
        Path reportDir = dir.resolve("r");

        int exit = SecMLOpsCli.execute("robustness", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data",
                csv().toString(), "--label-column", "label", "--valid-range", "0,1", "--attack", "fgsm", "--eps", "0.3",
                "--smoothing-sigma", "0.1", "--smoothing-n", "100", "--radii", "0,0.05", "--report-dir",
                reportDir.toString(), "--gate", "ROBUST_ACCURACY:0.9:FAILURE", "--gate", "CERTIFIED_ACCURACY:0:UNSTABLE");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.FAILED.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.metrics().get("CERTIFIED_ACCURACY")).isBetween(0.0, 1.0);
        assertThat(result.details().path("robustness").path("smoothing").path("points")).hasSize(2);
    }

    @Test
    void shouldRejectAnUnknownAttackAsAUsageError() throws Exception {
        int exit = SecMLOpsCli.execute("robustness", "--model", "m", "--data", "d.csv", "--attack", "deepfool",
                "--report-dir", dir.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown attack 'deepfool'", "square", "blur");
    }

    @Test
    void shouldMeasureEachDefenseBesideTheUndefendedModelAndReportTheSelectedOne() throws Exception {
        Path reportDir = dir.resolve("defended");

        int exit = SecMLOpsCli.execute("robustness", "--model", LinearSavedModel.write(dir, 2f).toString(), "--data",
                csv().toString(), "--label-column", "label", "--valid-range", "0,1", "--attack", "fgsm,pgd",
                "--eps", "0.15", "--device", "cpu", "--defense", "bit-depth:2", "--defense", "noise:0.05",
                "--eot-samples", "4", "--gate", "DEFENSE_LATENCY_OVERHEAD:1000", "--report-dir",
                reportDir.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isIn(ExitCode.PASSED.code(),
                ExitCode.UNSTABLE.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        JsonNode defenses = result.details().path("defenses");
        assertThat(defenses.path("rows").findValuesAsText("defense"))
                .containsExactly("none", "bit-depth:2", "noise:0.05");
        assertThat(defenses.path("eotSamples").asInt()).isEqualTo(4);
        assertThat(defenses.path("selectionReason").asText()).contains("meets every gate on the DEFENSE_ metrics");
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("security–performance trade-off")
                .contains("bit-depth:2");
        String selected = defenses.path("selected").asText();
        JsonNode row = null;
        for (JsonNode r : defenses.path("rows")) {
            row = r.path("defense").asText().equals(selected) ? r : row;
        }
        assertThat(result.metrics()).containsEntry("DEFENSE_ROBUST_ACCURACY", row.path("robustAccuracy").asDouble())
                .containsEntry("DEFENSE_LATENCY_OVERHEAD", row.path("latencyOverhead").asDouble())
                .containsKey("DEFENSE_CLEAN_ACCURACY_DROP").containsKey("DEFENSE_THROUGHPUT");
        assertThat(defenses.path("rows").path(0).path("robustAccuracy").asDouble())
                .as("the undefended row is the plain evaluation's worst case")
                .isEqualTo(result.metrics().get("ROBUST_ACCURACY"));
    }

    @Test
    void shouldRefuseDefensesThatDoNotParseOrDoNotFitTheData() throws Exception {
        String model = LinearSavedModel.write(dir, 2f).toString();

        int even = SecMLOpsCli.execute("robustness", "--model", model, "--data", csv().toString(), "--label-column",
                "label", "--valid-range", "0,1", "--attack", "fgsm", "--eps", "0.1", "--defense", "median:4",
                "--report-dir", dir.resolve("even").toString());
        String evenError = err.toString(StandardCharsets.UTF_8);
        int flat = SecMLOpsCli.execute("robustness", "--model", model, "--data", csv().toString(), "--label-column",
                "label", "--valid-range", "0,1", "--attack", "fgsm", "--eps", "0.1", "--defense", "median:3",
                "--report-dir", dir.resolve("flat").toString());

        assertThat(even).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(evenError).contains("defense 'median:4': the median window must be odd");
        assertThat(flat).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs image-shaped samples");
        assertThat(dir.resolve("even").resolve("result.json")).doesNotExist();
    }

    @Test
    void shouldCompareACandidateModelOnTheSameSamplesAndAttacks() throws Exception {
        Path reportDir = dir.resolve("candidates");
        Path baseline = LinearSavedModel.write(dir.resolve("baseline"), 2f);
        Path flatter = LinearSavedModel.write(dir.resolve("flatter"), 0.5f);

        int exit = SecMLOpsCli.execute("robustness", "--model", baseline.toString(), "--data", csv().toString(),
                "--label-column", "label", "--valid-range", "0,1", "--attack", "fgsm", "--eps", "0.15",
                "--candidate-model", flatter.toString(), "--report-dir", reportDir.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
        JsonNode rows = ResultJson.read(reportDir.resolve("result.json")).details().path("defenses").path("rows");
        assertThat(rows.findValuesAsText("defense")).containsExactly("none", "model:" + flatter);
        assertThat(rows.path(1).path("robustAccuracy").asDouble()).as("the same decision rule, scaled: the same"
                + " robust accuracy").isEqualTo(rows.path(0).path("robustAccuracy").asDouble());
    }
}
