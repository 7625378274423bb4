package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Job;
import hudson.model.Run;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            when(build.getNumber()).thenReturn(i + 1);
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
    void shouldLinkEachBuildOnTheXAxisToItsReportRelativeToThePage() {
        Job<?, ?> job = jobWith(summary("scan", 0, 1500), null, summary("scan", 1, 3000));
        SecMLOpsJobAction action = new SecMLOpsJobAction(job);

        String trends = chart(action.getTrendHtml(), "scan: CRITICAL_FINDINGS");
        assertThat(trends).contains("<a href=\"../1/secmlops/\"><text", "<a href=\"../3/secmlops/\"><circle")
                .doesNotContain("../2/");
        assertThat(chart(action.getTrendHtml(), "scan: wall time (s)")).contains("<a href=\"../3/secmlops/\">");
        assertThat(chart(action.getFloatingHtml(), "scan: CRITICAL_FINDINGS"))
                .contains("<a href=\"1/secmlops/\"><text", "<a href=\"3/secmlops/\"><circle")
                .doesNotContain("../");
    }

    @Test
    void shouldLabelCountChartsInWholeNumbersAndKeepFractionsForSeconds() {
        String html = new SecMLOpsJobAction(jobWith(summary("scan", 0, 100), summary("scan", 1, 300))).getTrendHtml();

        assertThat(tickLabels(chart(html, "scan: CRITICAL_FINDINGS"))).containsExactly("0", "1");
        assertThat(tickLabels(chart(html, "scan: FILES_SCANNED"))).containsExactly("3", "4");
        assertThat(tickLabels(chart(html, "scan: wall time (s)"))).contains("0.150", "0.250");
    }

    private static String chart(String html, String title) {
        for (String svg : html.split("<svg")) {
            if (svg.contains("aria-label=\"" + title + "\"")) {
                return svg.substring(0, svg.indexOf("</svg>"));
            }
        }
        throw new AssertionError("no chart " + title + " in " + html);
    }

    private static List<String> tickLabels(String svg) {
        Matcher labels = Pattern.compile("text-anchor=\"end\">([^<]*)</text>")
                .matcher(svg);
        List<String> found = new ArrayList<>();
        while (labels.find()) {
            found.add(labels.group(1));
        }
        return found;
    }

    @Test
    void shouldSayWhenThereAreNoResults() {
        assertThat(TrendCharts.render(List.of())).contains("No SecMLOps results yet");
    }
}
