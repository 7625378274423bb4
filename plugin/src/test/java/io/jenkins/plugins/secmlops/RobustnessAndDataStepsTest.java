package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluateRobustness and checkTrainingData through the plugin with the real worker, on scikit-learn's digits. */
class RobustnessAndDataStepsTest {

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
        build.addDigits(400);
    }

    @Test
    void shouldMeasureRobustAccuracyBelowCleanAccuracy() throws Exception {
        EvaluateRobustnessStep step = new EvaluateRobustnessStep("digits-mlp.pt", "digits.csv");
        step.setLabelColumn("digit");
        step.setScale("0.0625");
        step.setValidRange("0,1");
        step.setAttacks(List.of("fgsm", "pgd"));
        step.setEps(List.of(0.1));
        step.setSteps(5);
        step.setMaxSamples(40);
        step.setSeed(3L);
        step.setDevice("cpu");
        step.setThreads(1);
        QualityGateConfig gate = new QualityGateConfig("ROBUST_ACCURACY", 0.0);
        step.setQualityGates(List.of(gate));

        build.execute(step);

        GateRunSummary summary = build.action().find("robustness").orElseThrow();
        assertThat(summary.getMetrics()).containsKeys("CLEAN_ACCURACY", "ROBUST_ACCURACY", "VALIDITY_FLAGS");
        assertThat(summary.getMetrics().get("ROBUST_ACCURACY")).isLessThan(summary.getMetrics().get("CLEAN_ACCURACY"));
        assertThat(build.action().getReportHtml("robustness")).contains("pgd");
        assertThat(build.log()).contains("engine threads: 1 intra-op thread, ").contains("(--threads)");
    }

    @Test
    void shouldMeasureDefensesAndGateOnTheConfigurationTheGatesSelect() throws Exception {
        EvaluateRobustnessStep step = new EvaluateRobustnessStep("digits-mlp.pt", "digits.csv");
        step.setLabelColumn("digit");
        step.setScale("0.0625");
        step.setValidRange("0,1");
        step.setAttacks(List.of("pgd"));
        step.setEps(List.of(0.1));
        step.setSteps(5);
        step.setMaxSamples(40);
        step.setDevice("cpu");
        step.setDefenses(List.of("bit-depth:1 noise:0.1"));
        step.setEotSamples(2);
        step.setQualityGates(List.of(new QualityGateConfig("DEFENSE_ROBUST_ACCURACY", 0.0)));

        build.execute(step);

        GateRunSummary summary = build.action().find("robustness").orElseThrow();
        assertThat(summary.getMetrics()).containsKeys("DEFENSE_ROBUST_ACCURACY", "DEFENSE_LATENCY_OVERHEAD",
                "DEFENSE_CLEAN_ACCURACY_DROP", "DEFENSE_THROUGHPUT");
        assertThat(build.action().getReportHtml("robustness")).contains("security–performance trade-off")
                .contains("bit-depth:1").contains("noise:0.1");
    }

    @Test
    void shouldFindPlantedLabelFlipsInTrainingData() throws Exception {
        List<String> lines = Files.readAllLines(workspace.resolve("digits.csv"));
        StringBuilder flipped = new StringBuilder(lines.get(0)).append('\n');
        for (int row = 1; row < lines.size(); row++) {
            String line = lines.get(row);
            if (row % 20 == 0) {
                int comma = line.lastIndexOf(',');
                int label = Integer.parseInt(line.substring(comma + 1));
                line = line.substring(0, comma + 1) + ((label + 5) % 10);
            }
            flipped.append(line).append('\n');
        }
        Files.writeString(workspace.resolve("train.csv"), flipped);
        CheckTrainingDataStep step = new CheckTrainingDataStep("train.csv");
        step.setLabelColumn("digit");
        step.setQualityGates(List.of(new QualityGateConfig("LABEL_ISSUES", 1000)));

        build.execute(step);

        GateRunSummary summary = build.action().find("data").orElseThrow();
        assertThat(summary.getMetrics().get("LABEL_ISSUES")).isGreaterThanOrEqualTo(10.0);
        String report = build.action().getReportHtml("data");
        long flippedListed = java.util.stream.IntStream.range(1, lines.size()).filter(row -> row % 20 == 0)
                .filter(row -> java.util.regex.Pattern.compile("line " + (row + 1) + "(?!\\d)").matcher(report).find())
                .count();
        assertThat(flippedListed).as("flipped rows listed as suspects").isGreaterThanOrEqualTo(15);
        assertThat(Files.readString(workspace.resolve("train.csv"))).isEqualTo(flipped.toString());
    }

    @Test
    void shouldKeepTheLearnerCacheInTheWorkspaceAndReuseItInTheNextBuild() throws Exception {
        CheckTrainingDataStep step = new CheckTrainingDataStep("digits.csv");
        step.setLabelColumn("digit");
        step.setLearnerCache(".secmlops/learner-cache.bin");

        build.execute(step);
        Path cache = workspace.resolve(".secmlops/learner-cache.bin");
        assertThat(cache).isNotEmptyFile();
        step.setId("data-rerun");
        build.execute(step);

        assertThat(build.log()).contains("learner cache of", "samples unchanged since the cached check, the learners"
                + " ran for the 0 added or modified");
    }

    @Test
    void shouldRequireDataBeforeStartingTheWorker() {
        assertThatThrownBy(() -> build.execute(new CheckTrainingDataStep(""))).isInstanceOf(AbortException.class)
                .hasMessageContaining("checkTrainingData needs data");
        assertThatThrownBy(() -> build.execute(new EvaluateRobustnessStep(null, "digits.csv")))
                .isInstanceOf(AbortException.class).hasMessageContaining("evaluateRobustness needs model");
        assertThat(build.worker.launches()).isZero();
    }
}
