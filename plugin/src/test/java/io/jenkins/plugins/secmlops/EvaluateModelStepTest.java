package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verify;

import hudson.AbortException;
import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs evaluateModel with the real worker and the real PyTorch engine on scikit-learn's digits. */
class EvaluateModelStepTest {

    @TempDir
    Path workspace;
    @TempDir
    Path buildDirectory;
    @TempDir
    Path scratch;

    private StepHarness build;

    @BeforeEach
    void setUp() throws Exception {
        build = new StepHarness(workspace, buildDirectory, scratch);
        build.addDigits(300);
    }

    private EvaluateModelStep step(double minimumAccuracy) {
        EvaluateModelStep step = new EvaluateModelStep("digits-mlp.pt", "digits.csv");
        step.setLabelColumn("digit");
        step.setScale("0.0625");
        step.setDevice("cpu");
        QualityGateConfig gate = new QualityGateConfig("ACCURACY", minimumAccuracy);
        gate.setCriticality("FAILURE");
        step.setQualityGates(List.of(gate));
        return step;
    }

    @Test
    void shouldRecordAccuracyCalibrationAndSpeedOfTheModel() throws Exception {
        String status = build.execute(step(0.8));

        assertThat(status).isEqualTo("PASSED");
        GateRunSummary summary = build.action().find("evaluate").orElseThrow();
        assertThat(summary.getMetrics()).containsKeys("ACCURACY", "ECE", "LATENCY_P95", "THROUGHPUT");
        assertThat(summary.getMetrics().get("ACCURACY")).isBetween(0.8, 1.0);
        assertThat(summary.getMetrics().get("THROUGHPUT")).isPositive();
        assertThat(build.log()).contains("PyTorch");
        assertThat(build.action().getReportHtml("evaluate")).contains("ACCURACY");
    }

    @Test
    void shouldFailTheBuildWhenAccuracyIsBelowTheGate() {
        assertThatThrownBy(() -> build.execute(step(0.9999))).isInstanceOf(AbortException.class)
                .hasMessageContaining("ACCURACY");
        verify(build.run).setResult(Result.FAILURE);
    }

    @Test
    void shouldReportAMissingLabelColumnAsAnInputOrUsageError() {
        EvaluateModelStep step = step(0.5);
        step.setLabelColumn("no-such-column");

        assertThatThrownBy(() -> build.execute(step)).isInstanceOf(AbortException.class)
                .hasMessageContaining("no-such-column");
    }
}
