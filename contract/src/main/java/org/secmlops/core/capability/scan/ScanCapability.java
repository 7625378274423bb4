package org.secmlops.core.capability.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.CapabilitySection;
import org.secmlops.core.capability.IssueComparison;
import org.secmlops.core.capability.IssueTracking;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.MetricCatalog;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.report.Units;
import org.secmlops.core.report.chart.BarChart;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.Json;

/**
 * The model scan as a gate: findings per severity as metrics; by default any CRITICAL finding fails the
 * build and any HIGH finding makes it unstable.
 */
public final class ScanCapability implements Capability {
    /** The one instance. */
    public static final ScanCapability INSTANCE = new ScanCapability();

    /** New CRITICAL findings since the reference build. */
    public static final String NEW_CRITICAL_FINDINGS = "NEW_CRITICAL_FINDINGS";
    /** New HIGH findings since the reference build. */
    public static final String NEW_HIGH_FINDINGS = "NEW_HIGH_FINDINGS";
    /** New findings of any severity since the reference build. */
    public static final String NEW_FINDINGS = "NEW_FINDINGS";

    private static final ScanIssues ISSUES = new ScanIssues();

    private static final MetricCatalog CATALOG = new MetricCatalog("scan", List.of(
            metric(Severity.CRITICAL, "Findings that can run code or exfiltrate data when the model is loaded"),
            metric(Severity.HIGH, "Findings that can read or write files or hide code"),
            metric(Severity.MEDIUM, "Findings that need review: unknown globals, unparseable files"),
            metric(Severity.LOW, "Informational findings"),
            MetricDefinition.count("FILES_SCANNED", "Files scanned", MetricDirection.HIGHER_IS_BETTER),
            MetricDefinition.count(NEW_CRITICAL_FINDINGS, "CRITICAL findings not in the reference build (file, location"
                    + " and rule); 0 without a reference build", MetricDirection.LOWER_IS_BETTER),
            MetricDefinition.count(NEW_HIGH_FINDINGS, "HIGH findings not in the reference build; 0 without one",
                    MetricDirection.LOWER_IS_BETTER),
            MetricDefinition.count(NEW_FINDINGS, "Findings of any severity not in the reference build; 0 without one",
                    MetricDirection.LOWER_IS_BETTER)));

    private ScanCapability() {
    }

    /** The metric name of a severity's finding count, e.g. {@code CRITICAL_FINDINGS}. */
    public static String metricName(Severity severity) {
        return severity.name() + "_FINDINGS";
    }

    private static MetricDefinition metric(Severity severity, String description) {
        return MetricDefinition.count(metricName(severity), description, MetricDirection.LOWER_IS_BETTER);
    }

    @Override
    public String displayName() {
        return "Model scan";
    }

    @Override
    public List<String> trendMetrics() {
        return List.of("CRITICAL_FINDINGS", "HIGH_FINDINGS");
    }

    /** Findings are followed across builds by file, location and rule. */
    @Override
    public Optional<IssueTracking> issueTracking() {
        return Optional.of(ISSUES);
    }

    @Override
    public MetricCatalog catalog() {
        return CATALOG;
    }

    @Override
    public List<QualityGate> defaultGates() {
        return List.of(QualityGate.absolute(metricName(Severity.CRITICAL), 0, Criticality.FAILURE),
                QualityGate.absolute(metricName(Severity.HIGH), 0, Criticality.UNSTABLE));
    }

    /** Renders the findings by severity and the findings table of a scan result's details. */
    @Override
    public DetailSection detailSection() {
        return CapabilitySection.of(this, ScanCapability::renderFindings);
    }

    /** E.g. {@code 2 critical findings in model/ — the model must not be loaded}. */
    @Override
    public String headline(GateRunResult result) {
        long critical = count(result, Severity.CRITICAL);
        long high = count(result, Severity.HIGH);
        String subject = result.subject();
        if (critical > 0) {
            return Units.count(critical, "critical finding") + " in " + subject + " — the model must not be loaded";
        }
        if (high > 0) {
            return Units.count(high, "high finding") + " in " + subject + " — review them before loading the model";
        }
        return "no critical or high finding in " + Units.count(
                result.metrics().getOrDefault("FILES_SCANNED", 0.0).longValue(), "file") + " of " + subject + " ("
                + count(result, Severity.MEDIUM) + " medium, " + count(result, Severity.LOW) + " low)";
    }

    private static long count(GateRunResult result, Severity severity) {
        return result.metrics().getOrDefault(metricName(severity), 0.0).longValue();
    }

    /**
     * The details of a scan result as the report it was measured from (unknown fields ignored); empty details (or
     * details holding only the comparison with the reference build) are a scan of nothing.
     */
    public static ScanReport report(JsonNode details) {
        int comparison = details.has(IssueComparison.DETAILS_KEY) ? 1 : 0;
        if (details.isMissingNode() || details.size() == comparison) {
            return new ScanReport(List.of(), 0, 0);
        }
        try {
            return Json.mapper().treeToValue(details, ScanReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("scan details are not a scan report: " + e.getOriginalMessage(), e);
        }
    }

    private static String renderFindings(JsonNode details) {
        ScanReport report = report(details);
        StringBuilder html = new StringBuilder("<h2>Findings</h2>");
        if (report.findings().isEmpty()) {
            return html.append("<p>No findings in ").append(Units.count(report.filesScanned(), "file"))
                    .append(" (").append(Html.escape(Units.mebibytes(report.bytesScanned())))
                    .append(").</p>").toString();
        }
        html.append(severityChart(report));
        // why before rule and location: where the table must scroll sideways, the explanation stays in view
        html.append("<table class=\"secmlops-findings\"><thead><tr><th>Severity</th><th>File</th>")
                .append("<th>Why</th><th>Rule</th><th>Location</th></tr></thead><tbody>");
        for (ScanFinding finding : report.findings()) {
            html.append("<tr><td>").append(HtmlReport.status(finding.severity().name()))
                    .append("</td><td><code>").append(Html.escape(finding.file()))
                    .append("</code></td><td>").append(Html.escape(finding.message()))
                    .append("</td><td>").append(Html.escape(finding.rule()))
                    .append("</td><td>").append(Html.escape(finding.location()))
                    .append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /** Findings per severity as bars, most severe first. */
    private static String severityChart(ScanReport report) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            bars.add(new BarChart.Bar(severity.name(), report.countBySeverity(severity),
                    COLOURS.get(severity.name())));
        }
        return new BarChart("Findings by severity", "findings", bars, null, null).render();
    }

    private static final Map<String, String> COLOURS = Map.of("CRITICAL", "#b2182b", "HIGH", "#ef8a62",
            "MEDIUM", "#e0b000", "LOW", "#67a9cf");
}
