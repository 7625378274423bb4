package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import hudson.AbortException;
import hudson.model.Action;
import hudson.model.Result;
import hudson.model.Run;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.result.ResultJson;

class GateStepRunnerTest {
    static final byte[] OS_SYSTEM_PICKLE = bytes(new byte[] {(byte) 0x80, 2}, "cos\nsystem\n".getBytes(StandardCharsets.US_ASCII),
            new byte[] {'X', 2, 0, 0, 0, 'i', 'd', (byte) 0x85, 'R', '.'});
    static final byte[] BENIGN_PICKLE = bytes(new byte[] {(byte) 0x80, 2},
            "ccollections\nOrderedDict\n".getBytes(StandardCharsets.US_ASCII), new byte[] {')', 'R', '.'});
    static final WorkerSettings SETTINGS = StepHarness.SETTINGS;

    @TempDir
    Path workspace;
    @TempDir
    Path buildDirectory;
    @TempDir
    Path scratch;

    private StepHarness build;
    private Run<?, ?> run;
    private List<Action> actions;
    private StepContext context;
    private LocalWorkerLauncher worker;

    @BeforeEach
    void setUpJenkinsBoundary() throws Exception {
        build = new StepHarness(workspace, buildDirectory, scratch);
        run = build.run;
        actions = build.actions;
        context = build.context;
        worker = build.worker;
        Files.createDirectories(workspace.resolve("model"));
    }

    private String execute(ScanModelStep step) throws Exception {
        return new GateStepRunner(step, (c, s) -> worker, () -> SETTINGS).run(context);
    }

    private SecMLOpsBuildAction action() {
        return build.action();
    }

    @Test
    void shouldDecideTheGatesOnTheControllerFromTheMetricsNotFromTheStatusAnAgentReports() throws Exception {
        Files.write(workspace.resolve("model/weights.pkl"), OS_SYSTEM_PICKLE);
        WorkerLauncher forging = (request, listener) -> {
            WorkerOutcome real = worker.run(request, listener);
            return new WorkerOutcome(0, false, real.resultJson().replace("\"FAILED\"", "\"PASSED\""),
                    real.errorTail());
        };

        assertThatThrownBy(() -> new GateStepRunner(new ScanModelStep("model"), (c, s) -> forging, () -> SETTINGS)
                .run(context))
                .isInstanceOf(AbortException.class).hasMessageContaining("CRITICAL_FINDINGS = 1");

        verify(run).setResult(Result.FAILURE);
        assertThat(action().getRuns().get(0).getStatus()).isEqualTo(GateStatus.FAILED);
        assertThat(build.log()).contains("the worker reported PASSED, but its metrics give FAILED");
        assertThat(ResultJson.read(buildDirectory.resolve("secmlops/scan/result.json")).status())
                .as("the kept result, which the report page renders").isEqualTo(GateStatus.FAILED);
        assertThat(buildDirectory.resolve("secmlops/scan/report.html")).content().contains("secmlops-FAILED");
    }

    @Test
    void shouldFailBuildStopPipelineAndRecordActionForCriticalFinding() throws Exception {
        Files.write(workspace.resolve("model/weights.pkl"), OS_SYSTEM_PICKLE);

        assertThatThrownBy(() -> execute(new ScanModelStep("model")))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("scanModel: quality gates failed")
                .hasMessageContaining("CRITICAL_FINDINGS = 1");

        verify(run).setResult(Result.FAILURE);
        GateRunSummary summary = action().getRuns().get(0);
        assertThat(summary.getStatus()).isEqualTo(GateStatus.FAILED);
        assertThat(summary.getMetrics()).containsEntry("CRITICAL_FINDINGS", 1.0);
        assertThat(ResultJson.read(buildDirectory.resolve("secmlops/scan/result.json")).status())
                .isEqualTo(GateStatus.FAILED);
        assertThat(buildDirectory.resolve("secmlops/scan/report.html")).exists();
        assertThat(action().getReportHtml("scan")).contains("os.system", "secmlops-FAILED");
        assertThat(build.log()).contains("[secmlops] ", "weights.pkl");
    }

    @Test
    void shouldPassAndLeaveBuildResultAloneForBenignModel() throws Exception {
        Files.write(workspace.resolve("model/state.pkl"), BENIGN_PICKLE);

        String status = execute(new ScanModelStep("model"));

        assertThat(status).isEqualTo("PASSED");
        verify(run, never()).setResult(any());
        assertThat(action().getStatus()).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void shouldMarkBuildUnstableForConfiguredUnstableGate() throws Exception {
        Files.write(workspace.resolve("model/weights.pkl"), OS_SYSTEM_PICKLE);
        ScanModelStep step = new ScanModelStep("model");
        QualityGateConfig gate = new QualityGateConfig("critical_findings", 0);
        step.setQualityGates(List.of(gate));

        String status = execute(step);

        assertThat(status).isEqualTo("UNSTABLE");
        verify(run).setResult(Result.UNSTABLE);
        assertThat(action().getRuns().get(0).getGates()).singleElement()
                .satisfies(row -> assertThat(row.getCriticality()).isEqualTo("UNSTABLE"));
    }

    @Test
    void shouldCompareDeltaGateWithLastBuildThatPassed() throws Exception {
        Files.write(workspace.resolve("model/state.pkl"), BENIGN_PICKLE);
        ScanModelStep first = new ScanModelStep("model");
        execute(first);
        List<Action> previousActions = new ArrayList<>(actions);
        Run<?, ?> previous = StepHarness.mockRun(buildDirectory, previousActions, "ml-pipeline#1");
        actions.clear();
        doAnswer(invocation -> previous).when(run).getPreviousBuild();
        Files.write(workspace.resolve("model/weights.pkl"), OS_SYSTEM_PICKLE);
        ScanModelStep second = new ScanModelStep("model");
        QualityGateConfig delta = new QualityGateConfig("CRITICAL_FINDINGS", 0);
        delta.setBaseline("DELTA");
        delta.setCriticality("FAILURE");
        second.setQualityGates(List.of(delta));

        assertThatThrownBy(() -> execute(second)).hasMessageContaining("ml-pipeline#1");

        GateRunSummary.GateRow row = action().getRuns().get(0).getGates().get(0);
        assertThat(row.getReferenceValue()).isEqualTo(0.0);
        assertThat(row.getStatus()).isEqualTo(GateStatus.FAILED);
    }

    @Test
    void shouldShipTheReferenceBuildsResultSoTheWorkerTellsNewFindingsFromOutstandingOnes() throws Exception {
        Files.write(workspace.resolve("model/a.pkl"), OS_SYSTEM_PICKLE);
        ScanModelStep first = new ScanModelStep("model");
        first.setQualityGates(List.of(new QualityGateConfig("CRITICAL_FINDINGS", 5)));
        assertThat(execute(first)).isEqualTo("PASSED");
        Run<?, ?> previous = StepHarness.mockRun(buildDirectory, new ArrayList<>(actions), "ml-pipeline#1");
        actions.clear();
        doAnswer(invocation -> previous).when(run).getPreviousBuild();
        Files.write(workspace.resolve("model/c.pkl"), OS_SYSTEM_PICKLE);
        ScanModelStep second = new ScanModelStep("model");
        second.setQualityGates(List.of(new QualityGateConfig("CRITICAL_FINDINGS", 5),
                new QualityGateConfig("NEW_CRITICAL_FINDINGS", 0)));

        assertThat(execute(second)).isEqualTo("UNSTABLE");

        assertThat(action().getRuns().get(0).getMetrics()).containsEntry("NEW_CRITICAL_FINDINGS", 1.0);
        assertThat(action().getRuns().get(0).getSinceReference())
                .isEqualTo("1 new, 0 fixed, 1 outstanding findings since ml-pipeline#1");
        assertThat(action().getReportHtml("scan")).contains("Compared with <code>ml-pipeline#1</code>")
                .containsPattern("secmlops-new-issues.*c\\.pkl")
                .containsPattern("secmlops-outstanding-issues.*a\\.pkl");
    }

    @Test
    void shouldCountNewFindingsAgainOnTheControllerRatherThanTrustTheWorkersCount() throws Exception {
        Files.write(workspace.resolve("model/a.pkl"), OS_SYSTEM_PICKLE);
        ScanModelStep first = new ScanModelStep("model");
        first.setQualityGates(List.of(new QualityGateConfig("CRITICAL_FINDINGS", 5)));
        execute(first);
        Run<?, ?> previous = StepHarness.mockRun(buildDirectory, new ArrayList<>(actions), "ml-pipeline#1");
        actions.clear();
        doAnswer(invocation -> previous).when(run).getPreviousBuild();
        Files.write(workspace.resolve("model/c.pkl"), OS_SYSTEM_PICKLE);
        WorkerLauncher forging = (request, listener) -> {
            WorkerOutcome real = worker.run(request, listener);
            return new WorkerOutcome(real.exitCode(), false, real.resultJson()
                    .replaceAll("\"NEW_CRITICAL_FINDINGS\"\\s*:\\s*1.0", "\"NEW_CRITICAL_FINDINGS\" : 0.0"),
                    real.errorTail());
        };
        ScanModelStep second = new ScanModelStep("model");
        second.setQualityGates(List.of(new QualityGateConfig("NEW_CRITICAL_FINDINGS", 0)));

        String status = new GateStepRunner(second, (c, s) -> forging, () -> SETTINGS).run(context);

        assertThat(status).isEqualTo("UNSTABLE");
        assertThat(action().getRuns().get(0).getMetrics()).containsEntry("NEW_CRITICAL_FINDINGS", 1.0);
        assertThat(build.log()).contains("the worker reported NEW_CRITICAL_FINDINGS = 0.0, but its findings give 1.0");
    }

    @Test
    void shouldNotShipAReferenceResultLargerThanTheBound() throws Exception {
        Files.write(workspace.resolve("model/a.pkl"), OS_SYSTEM_PICKLE);
        ScanModelStep first = new ScanModelStep("model");
        first.setQualityGates(List.of(new QualityGateConfig("CRITICAL_FINDINGS", 5)));
        execute(first);
        Path kept = buildDirectory.resolve("secmlops/scan/result.json");
        Files.writeString(kept, Files.readString(kept).replace("\"subject\"",
                "\"padding\":\"" + "x".repeat((int) ReferenceBuilds.MAX_RESULT_BYTES) + "\",\"subject\""));
        Run<?, ?> previous = StepHarness.mockRun(buildDirectory, new ArrayList<>(actions), "ml-pipeline#1");
        actions.clear();
        doAnswer(invocation -> previous).when(run).getPreviousBuild();
        ScanModelStep second = new ScanModelStep("model");
        second.setQualityGates(List.of(new QualityGateConfig("CRITICAL_FINDINGS", 5)));

        execute(second);

        assertThat(build.log()).contains("not comparing problems with reference build ml-pipeline#1: its result is"
                + " larger than 8 MiB");
        assertThat(action().getReportHtml("scan")).contains("No reference build");
    }

    @Test
    void shouldRejectUnknownMetricBeforeStartingAnyWorker() {
        ScanModelStep step = new ScanModelStep("model");
        step.setQualityGates(List.of(new QualityGateConfig("ROBUST_ACCURACY", 0.5)));

        assertThatThrownBy(() -> execute(step)).isInstanceOf(AbortException.class)
                .hasMessageContaining("Unknown metric 'ROBUST_ACCURACY'").hasMessageContaining("CRITICAL_FINDINGS");
        assertThat(worker.launches()).isZero();
    }

    @Test
    void shouldRejectHostileIdBeforeStartingAnyWorker() {
        ScanModelStep step = new ScanModelStep("model");
        step.setId("../../config");

        assertThatThrownBy(() -> execute(step)).isInstanceOf(AbortException.class).hasMessageContaining("id");
        assertThat(worker.launches()).isZero();
        assertThat(buildDirectory.getParent().resolve("config")).doesNotExist();
    }

    @Test
    void shouldRejectSecondRunWithSameIdInOneBuild() throws Exception {
        Files.write(workspace.resolve("model/state.pkl"), BENIGN_PICKLE);
        execute(new ScanModelStep("model"));

        assertThatThrownBy(() -> execute(new ScanModelStep("model"))).hasMessageContaining("distinct id");
    }

    @Test
    void shouldFailWithInputErrorForMissingModel() {
        assertThatThrownBy(() -> execute(new ScanModelStep("no-such-model")))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("cannot evaluate the input")
                .hasMessageContaining("no-such-model");
        assertThat(actions).isEmpty();
    }

    @Test
    void shouldFailClearlyWhenWorkerCrashesOrTimesOut() {
        worker = null;
        GateStepRunner crashed = new GateStepRunner(new ScanModelStep("model"),
                (c, s) -> (request, listener) -> new WorkerOutcome(137, false, null, "Killed"),
                () -> SETTINGS);
        GateStepRunner timedOut = new GateStepRunner(new ScanModelStep("model"),
                (c, s) -> (request, listener) -> new WorkerOutcome(143, true, null, ""),
                () -> SETTINGS);
        GateStepRunner cancelled = new GateStepRunner(new ScanModelStep("model"),
                (c, s) -> (request, listener) -> new WorkerOutcome(6, false, null,
                        "ERROR: cancelled: robustness evaluation cancelled"),
                () -> SETTINGS);

        assertThatThrownBy(() -> crashed.run(context)).isInstanceOf(AbortException.class)
                .hasMessageContaining("crashed or was killed (exit code 137)");
        assertThatThrownBy(() -> timedOut.run(context)).isInstanceOf(AbortException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> cancelled.run(context)).isInstanceOf(AbortException.class)
                .hasMessageContaining("stopped before it finished")
                .hasMessageContaining("robustness evaluation cancelled");
        assertThat(actions).isEmpty();
    }

    @Test
    void shouldRejectTruncatedResultInsteadOfPassing() {
        GateStepRunner truncated = new GateStepRunner(new ScanModelStep("model"),
                (c, s) -> (request, listener) -> new WorkerOutcome(0, false, "{\"schemaVersion\": 1, \"capab",
                        ""),
                () -> SETTINGS);

        assertThatThrownBy(() -> truncated.run(context)).isInstanceOf(AbortException.class).hasMessageContaining("truncated");
        verify(run, never()).setResult(Result.SUCCESS);
        assertThat(actions).isEmpty();
    }

    @Test
    void exportDirShouldPutJUnitAndSarifIntoTheWorkspaceForTheJunitAndRecordIssuesSteps() throws Exception {
        Files.write(workspace.resolve("model/weights.pkl"), OS_SYSTEM_PICKLE);
        ScanModelStep step = new ScanModelStep("model");
        step.setExportDir("reports/secmlops");

        assertThatThrownBy(() -> execute(step)).isInstanceOf(AbortException.class);

        Path exports = workspace.resolve("reports/secmlops");
        assertThat(Files.readString(exports.resolve("junit.xml")))
                .contains("<testsuite name=\"secmlops.scan\"", "<failure message=");
        assertThat(Files.readString(exports.resolve("results.sarif")))
                .contains("\"ruleId\" : \"PICKLE_DANGEROUS_GLOBAL\"", "\"uri\" : \"weights.pkl\"");
    }

    @Test
    void withoutExportDirNothingIsWrittenIntoTheWorkspace() throws Exception {
        Files.write(workspace.resolve("model/state.pkl"), BENIGN_PICKLE);

        execute(new ScanModelStep("model"));

        try (var files = Files.list(workspace)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("model");
        }
    }

    @Test
    void exportDirShouldStayInsideTheWorkspace() {
        for (String outside : List.of("/tmp/reports", "../reports", "reports/../../x", "C:\\reports")) {
            ScanModelStep step = new ScanModelStep("model");
            step.setExportDir(outside);

            assertThatThrownBy(() -> execute(step)).as(outside).isInstanceOf(AbortException.class)
                    .hasMessageContaining("exportDir '" + outside + "' must be a relative path inside the workspace");
        }
        assertThat(worker.launches()).isZero();
    }

    @Test
    void shouldUseStepTimeoutOverGlobalOne() {
        ScanModelStep step = new ScanModelStep("model");
        step.setTimeoutMinutes(3);

        assertThat(step.settings(SETTINGS).timeout()).isEqualTo(Duration.ofMinutes(3));
        step.setTimeoutMinutes(0);
        assertThatThrownBy(() -> step.settings(SETTINGS)).hasMessageContaining("timeoutMinutes");
    }

    static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
