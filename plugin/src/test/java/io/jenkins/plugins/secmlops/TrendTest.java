package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Job;
import hudson.model.Run;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.gate.QualityGateEvaluator;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.result.SecurityCost;

class TrendTest {
    static GateRunSummary summary(String id, double critical, long millis) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("CRITICAL_FINDINGS", critical);
        metrics.put("FILES_SCANNED", 3.0);
        GateRunResult result = new GateRunResult(ResultJson.SCHEMA_VERSION, "scan", "test", "model/<b>", Instant.now(),
                metrics, new QualityGateEvaluator(ScanCapability.INSTANCE.catalog()).evaluate(
                        List.of(QualityGate.absolute("CRITICAL_FINDINGS", 0, Criticality.FAILURE)), metrics,
                        Optional.empty()),
                new SecurityCost(millis, 1 << 20, 50L << 20), null);
        return new GateRunSummary(id, "Model scan", result);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Job<?, ?> jobWith(GateRunSummary... perBuild) {
        Job job = mock(Job.class);
        Run previous = null;
        for (int i = 0; i < perBuild.length; i++) {
            Run build = mock(Run.class);
            when(build.getDisplayName()).thenReturn("#" + (i + 1));
            when(build.getPreviousBuild()).thenReturn(previous);
            if (perBuild[i] != null) {
                SecMLOpsBuildAction action = new SecMLOpsBuildAction();
                action.add(perBuild[i]);
                when(build.getAction(SecMLOpsBuildAction.class)).thenReturn(action);
            }
            previous = build;
        }
        when(job.getLastCompletedBuild()).thenReturn(previous);
        return job;
    }

    @Test
    void shouldCollectBuildsOldestFirstSkippingBuildsWithoutResults() {
        Job<?, ?> job = jobWith(summary("scan", 0, 100), null, summary("scan", 2, 300));

        List<BuildEntry> history = new SecMLOpsJobAction(job).history();

        assertThat(history).extracting(BuildEntry::label).containsExactly("#1", "#3");
    }

    @Test
    void shouldRenderOneChartPerMeasuredMetricWithItsGateAndSplitTheCostIntoTimeAndMemory() {
        Job<?, ?> job = jobWith(summary("scan", 0, 1500), summary("scan", 2, 3000));

        String html = new SecMLOpsJobAction(job).getTrendHtml();

        assertThat(html).contains("aria-label=\"scan: CRITICAL_FINDINGS\"", "aria-label=\"scan: FILES_SCANNED\"",
                "aria-label=\"scan: wall time (s)\"", "aria-label=\"scan: peak memory (MiB)\"",
                "<title>#2 CRITICAL_FINDINGS = 2</title>", "<title>#2 WALL_TIME_S = 3</title>",
                "<title>#1 PEAK_RSS_MIB = 50</title>", "<title>gate &lt;= 0 (FAILURE)</title>")
                .doesNotContain("<script").doesNotContain("aria-label=\"scan: HIGH_FINDINGS\"");
        assertThat(html.split("<svg").length - 1).as("two metrics, time and memory").isEqualTo(4);
    }

    @Test
    void shouldShowOnlyTheCapabilitysTrendMetricsOnTheJobPageAndNothingWithoutResults() {
        Job<?, ?> job = jobWith(summary("scan", 0, 1500), summary("scan", 2, 3000));

        SecMLOpsJobAction action = new SecMLOpsJobAction(job);

        assertThat(action.isResultsAvailable()).isTrue();
        assertThat(action.getFloatingHtml()).contains("aria-label=\"scan: CRITICAL_FINDINGS\"",
                "aria-label=\"scan: HIGH_FINDINGS\"", "width=\"340\"").doesNotContain("FILES_SCANNED");
        assertThat(new SecMLOpsJobAction(jobWith((GateRunSummary) null)).isResultsAvailable()).isFalse();
    }

    @Test
    void shouldOfferTrendsOnlyWhenLastCompletedBuildHasResults() {
        SecMLOpsJobActionFactory factory = new SecMLOpsJobActionFactory();

        assertThat(factory.createFor(jobWith(summary("scan", 0, 1)))).hasSize(1);
        assertThat(factory.createFor(jobWith(summary("scan", 0, 1), null))).isEmpty();
        assertThat(factory.createFor(mock(Job.class))).isEmpty();
        assertThat(factory.type()).isEqualTo(Job.class);
    }

    @Test
    void shouldSayWhenThereAreNoResults() {
        assertThat(TrendCharts.render(List.of())).contains("No SecMLOps results yet");
    }
}
