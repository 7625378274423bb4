package org.secmlops.core.capability.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.Units;
import org.secmlops.core.report.chart.BarChart;
import org.secmlops.core.report.chart.LineChart;
import org.secmlops.core.report.chart.ThumbnailStrip;

/** The monitoring window's details as HTML: detector values, drift table and chart, class shares, clients. */
final class MonitorHtml {
    private static final String ALERT = "#d62728";

    private MonitorHtml() {
    }

    static String render(JsonNode details) {
        MonitorReport r = MonitorCapability.report(details);
        ClassNames names = ClassNames.from(details);
        StringBuilder html = new StringBuilder("<h2>Monitoring window</h2><table class=\"secmlops-monitor\"><tbody>");
        row(html, "Traffic", r.traffic());
        row(html, "Reference", r.reference());
        row(html, "Records", Units.count(r.records(), "record") + " of " + Units.count(r.lines(), "line")
                + " (" + Units.count(r.badRecords(), "bad record") + ")");
        row(html, "Input width", Units.count(r.width(), "value"));
        row(html, "Largest feature drift (PSI)", Units.of(r.maxPsi(), "") + ", "
                + Units.count(r.driftedFeatures(), "feature") + " above " + MonitorCapability.MAJOR_DRIFT_PSI);
        row(html, "Embedding drift (MMD²)", Units.of(r.embeddingMmd(), "") + ", permutation p-value "
                + Units.of(r.embeddingPValue(), "") + " on " + Units.count(r.embeddingSamples(), "record"));
        row(html, "Predictions", Units.count(r.predictions(), "record") + " (" + Units.count(r.modelComputed(),
                "output") + " computed by the model)");
        row(html, "Prediction drift (PSI)", Units.of(r.predictionPsi(), ""));
        row(html, "Mean confidence", Units.of(r.confidence(), "") + " (reference "
                + Units.of(r.referenceConfidence(), "") + ")");
        row(html, "Accuracy", Units.of(r.accuracy(), "") + " on " + Units.count(r.labelled(), "labelled record"));
        if (!r.baseline().isEmpty()) {
            row(html, "Baseline", r.baseline() + ": accuracy " + Units.of(r.baselineAccuracy(), "")
                    + ", mean confidence " + Units.of(r.referenceConfidence(), ""));
        }
        row(html, "Clients", Units.count(r.clients(), "client") + " in the window, "
                + Units.count(r.trackedClients(), "client") + " tracked");
        row(html, "Close-query threshold", Units.of(r.attackThreshold(), ""));
        html.append("</tbody></table>");

        html.append("<h3>Flagged clients</h3>");
        if (r.flaggedClients().isEmpty()) {
            html.append("<p>No client looks like a black-box attack campaign.</p>");
        } else {
            html.append("<table class=\"secmlops-flagged\"><thead><tr><th>Client</th><th>Queries seen</th>")
                    .append("<th>In this window</th><th>Flagged at query</th><th>Flagged at</th>")
                    .append("<th>Close queries</th><th>Smallest distance</th></tr></thead><tbody>");
            for (FlaggedClient c : r.flaggedClients()) {
                html.append("<tr><td>").append(Html.escape(c.client())).append("</td><td>").append(c.queriesSeen())
                        .append("</td><td>").append(c.queriesInWindow()).append("</td><td>")
                        .append(c.firstFlaggedQuery()).append(c.flaggedInWindow() ? "" : " (earlier window)")
                        .append("</td><td>").append(Html.escape(c.flaggedAt())).append("</td><td>")
                        .append(c.closeQueries()).append("</td><td>")
                        .append(Html.escape(Units.of(c.minDistance(), ""))).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }

        if (r.timeline().size() > 1) {
            List<LineChart.Point> adversarial = new ArrayList<>();
            List<LineChart.Point> flagged = new ArrayList<>();
            for (TimelinePoint p : r.timeline()) {
                double middle = p.firstRecord() + (p.records() - 1) / 2.0;
                adversarial.add(new LineChart.Point(middle, p.adversarialShare()));
                flagged.add(new LineChart.Point(middle, p.flaggedClientShare()));
            }
            html.append("<h3>Detectors over the window</h3>").append(new LineChart("Detectors over the window",
                    "record", "share of records", List.of(new LineChart.Series("adversarial inputs", adversarial),
                            new LineChart.Series("queries of flagged clients", flagged))).render());
        }

        html.append("<h3>Adversarial inputs</h3>");
        html.append("<p>").append(Units.count(r.adversarialInputs(), "record")).append(" flagged; thresholds")
                .append(" calibrated on the reference to a false-positive rate of ")
                .append(Html.escape(Units.of(r.adversarialFpr(), ""))).append(": embedding distance ")
                .append(Html.escape(Units.of(r.distanceThreshold(), ""))).append(", feature squeezing ")
                .append(Double.isNaN(r.squeezeThreshold()) ? "not run (no model)"
                        : Html.escape(Units.of(r.squeezeThreshold(), ""))).append(".</p>");
        if (!r.flaggedInputs().isEmpty()) {
            html.append("<div style=\"display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start\">")
                    .append(thumbnails(r.flaggedInputs()));
            html.append("<table class=\"secmlops-flagged-inputs\"><thead><tr><th>Line</th><th>Client</th>")
                    .append("<th>Timestamp</th><th>Distance score</th><th>Squeezing score</th></tr></thead><tbody>");
            for (FlaggedInput f : r.flaggedInputs()) {
                html.append("<tr><td>").append(f.line()).append("</td><td>").append(Html.escape(f.client()))
                        .append("</td><td>").append(Html.escape(f.timestamp())).append("</td><td>")
                        .append(Html.escape(Units.of(f.distanceScore(), ""))).append("</td><td>")
                        .append(Html.escape(Units.of(f.squeezeScore(), ""))).append("</td></tr>");
            }
            html.append("</tbody></table></div>");
        }

        html.append("<h3>Input drift</h3>");
        List<BarChart.Bar> bars = new ArrayList<>();
        for (DriftedFeature f : r.topFeatures()) {
            bars.add(new BarChart.Bar("feature " + f.feature(), f.psi(),
                    f.psi() > MonitorCapability.MAJOR_DRIFT_PSI ? ALERT : null));
        }
        if (!bars.isEmpty()) {
            html.append(new BarChart("Most drifted features (PSI)", "", bars, MonitorCapability.MAJOR_DRIFT_PSI,
                    "major drift " + MonitorCapability.MAJOR_DRIFT_PSI).render());
        }
        html.append("<table class=\"secmlops-drift\"><thead><tr><th>Feature</th><th>PSI</th><th>KS</th>")
                .append("<th>p-value</th></tr></thead><tbody>");
        for (DriftedFeature f : r.topFeatures()) {
            html.append("<tr><td>").append(f.feature()).append("</td><td>").append(Html.escape(Units.of(f.psi(), "")))
                    .append("</td><td>").append(Html.escape(Units.of(f.ks(), ""))).append("</td><td>")
                    .append(Html.escape(Units.of(f.pValue(), ""))).append("</td></tr>");
        }
        html.append("</tbody></table>");

        if (!r.classShares().isEmpty()) {
            html.append("<h3>Predicted classes</h3><table class=\"secmlops-shares\"><thead><tr><th>Class</th>")
                    .append("<th>Reference</th><th>Window</th></tr></thead><tbody>");
            for (ClassShare s : r.classShares()) {
                html.append("<tr><td>").append(Html.escape(names.label(s.label()))).append("</td><td>")
                        .append(Html.escape(Units.of(s.reference(), ""))).append("</td><td>")
                        .append(Html.escape(Units.of(s.window(), ""))).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }

        html.append("<h3>Busiest clients</h3><table class=\"secmlops-volume\"><thead><tr><th>Client</th>")
                .append("<th>Queries</th><th>Share</th></tr></thead><tbody>");
        for (ClientVolume v : r.topClients()) {
            html.append("<tr><td>").append(Html.escape(v.client())).append("</td><td>").append(v.queries())
                    .append("</td><td>").append(Html.escape(Units.of(v.share(), ""))).append("</td></tr>");
        }
        html.append("</tbody></table>");

        if (!r.badExamples().isEmpty()) {
            html.append("<h3>Bad records</h3><table class=\"secmlops-bad\"><thead><tr><th>Line</th>")
                    .append("<th>Reason</th></tr></thead><tbody>");
            for (BadRecord b : r.badExamples()) {
                html.append("<tr><td>").append(b.line()).append("</td><td>").append(Html.escape(b.reason()))
                        .append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        return html.toString();
    }

    /** Pictures of the flagged image inputs, captioned with their line and client; empty for other inputs. */
    private static String thumbnails(List<FlaggedInput> inputs) {
        List<ThumbnailStrip.Picture> pictures = new ArrayList<>();
        for (FlaggedInput f : inputs) {
            if (f.thumbnail() != null && pictures.size() < MonitorReport.FLAGGED_INPUTS_PICTURED) {
                pictures.add(new ThumbnailStrip.Picture("line " + f.line() + (f.client().isEmpty() ? ""
                        : ", " + f.client()), f.thumbnail()));
            }
        }
        return new ThumbnailStrip("Flagged inputs", pictures).render();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }
}
