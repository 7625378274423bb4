package org.secmlops.core.capability.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.Units;
import org.secmlops.core.report.chart.Heatmap;
import org.secmlops.core.report.chart.ReliabilityDiagram;

/** The evaluation's details as HTML: run facts with units, per-class table, confusion matrix and calibration. */
final class EvaluateHtml {
    private EvaluateHtml() {
    }

    static String render(JsonNode details) {
        EvaluationReport e = EvaluateCapability.report(details);
        ClassNames names = ClassNames.from(details);
        StringBuilder html = new StringBuilder("<h2>Evaluation</h2><table class=\"secmlops-evaluation\"><tbody>");
        row(html, "Model", details.path("model").asText());
        row(html, "Data", details.path("data").asText());
        row(html, "Engine", e.engine() + " on " + e.device());
        row(html, "Samples", Units.count(e.samples(), "sample"));
        row(html, "Batch size", Units.count(e.batchSize(), "sample"));
        row(html, "Latency (95th percentile per batch)", Units.milliseconds(e.latencyP95Millis()));
        row(html, "Throughput", Units.perSecond(e.throughput(), "samples"));
        row(html, "Outputs taken as", e.probabilityOutputs() ? "probabilities" : "logits (softmax)");
        html.append("</tbody></table>");

        html.append("<h3>Confusion matrix</h3><p>Rows: true class; columns: predicted class; the shade is the share of"
                + " the true class.</p>");
        List<String> labels = new ArrayList<>();
        List<List<Long>> counts = new ArrayList<>();
        for (List<Long> row : e.confusion()) {
            labels.add(names.name(labels.size()));
            counts.add(row);
        }
        if (!counts.isEmpty() && counts.stream().allMatch(r -> r.size() == labels.size())) {
            html.append(new Heatmap("Confusion matrix", "true class", "predicted class", labels, labels, counts)
                    .render());
        }
        html.append("<table class=\"secmlops-confusion\"><thead><tr><th></th>");
        for (String label : labels) {
            html.append("<th>").append(Html.escape(label)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (int r = 0; r < counts.size(); r++) {
            html.append("<tr><th>").append(Html.escape(labels.get(r))).append("</th>");
            for (long v : counts.get(r)) {
                html.append("<td>").append(v).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");

        html.append("<h3>Per class</h3><table class=\"secmlops-classes\"><thead><tr><th>Class</th><th>Support</th>")
                .append("<th>Predicted</th><th>Precision</th><th>Recall</th></tr></thead><tbody>");
        for (ClassMetrics c : e.perClass()) {
            html.append("<tr><td>").append(Html.escape(names.label(c.label()))).append("</td><td>")
                    .append(Html.escape(Units.count(c.support(), "sample"))).append("</td><td>")
                    .append(Html.escape(Units.count(c.predicted(), "sample"))).append("</td><td>")
                    .append(Html.escape(Units.of(c.precision(), ""))).append("</td><td>")
                    .append(Html.escape(Units.of(c.recall(), ""))).append("</td></tr>");
        }
        html.append("</tbody></table>");

        html.append("<h3>Calibration</h3><p>Bars: accuracy of the samples in each confidence bin; dots: their mean"
                + " confidence. A calibrated model's bars reach the dashed diagonal.</p>");
        List<ReliabilityDiagram.Bin> bins = new ArrayList<>();
        for (CalibrationBin bin : e.calibration()) {
            bins.add(new ReliabilityDiagram.Bin(bin.lower(), bin.upper(), bin.count(), bin.confidence(),
                    bin.accuracy()));
        }
        html.append(new ReliabilityDiagram("Reliability diagram", bins).render());
        html.append("<table class=\"secmlops-calibration\"><thead><tr><th>Confidence</th>")
                .append("<th>Samples</th><th>Mean confidence</th><th>Accuracy</th></tr></thead><tbody>");
        for (CalibrationBin bin : e.calibration()) {
            html.append("<tr><td>").append(Html.escape(Units.of(bin.lower(), "") + "–" + Units.of(bin.upper(), "")))
                    .append("</td><td>").append(bin.count()).append("</td><td>")
                    .append(Html.escape(Units.of(bin.confidence(), ""))).append("</td><td>")
                    .append(Html.escape(Units.of(bin.accuracy(), ""))).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }
}
