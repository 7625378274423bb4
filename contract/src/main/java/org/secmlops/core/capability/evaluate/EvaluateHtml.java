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
        JsonNode e = details.path("evaluation");
        ClassNames names = ClassNames.from(details);
        StringBuilder html = new StringBuilder("<h2>Evaluation</h2><table class=\"secmlops-evaluation\"><tbody>");
        row(html, "Model", details.path("model").asText());
        row(html, "Data", details.path("data").asText());
        row(html, "Engine", e.path("engine").asText() + " on " + e.path("device").asText());
        row(html, "Samples", Units.count(e.path("samples").asLong(), "sample"));
        row(html, "Batch size", Units.count(e.path("batchSize").asLong(), "sample"));
        row(html, "Latency (95th percentile per batch)", Units.milliseconds(e.path("latencyP95Millis").asDouble()));
        row(html, "Throughput", Units.perSecond(e.path("throughput").asDouble(), "samples"));
        row(html, "Outputs taken as", e.path("probabilityOutputs").asBoolean() ? "probabilities" : "logits (softmax)");
        html.append("</tbody></table>");

        html.append("<h3>Confusion matrix</h3><p>Rows: true class; columns: predicted class; the shade is the share of"
                + " the true class.</p>");
        List<String> labels = new ArrayList<>();
        List<List<Long>> counts = new ArrayList<>();
        for (JsonNode row : e.path("confusion")) {
            labels.add(names.name(labels.size()));
            List<Long> values = new ArrayList<>();
            row.forEach(v -> values.add(v.asLong()));
            counts.add(values);
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
        for (JsonNode c : e.path("perClass")) {
            html.append("<tr><td>").append(Html.escape(names.label(c.path("label").asInt()))).append("</td><td>")
                    .append(Html.escape(Units.count(c.path("support").asLong(), "sample"))).append("</td><td>")
                    .append(Html.escape(Units.count(c.path("predicted").asLong(), "sample"))).append("</td><td>")
                    .append(Html.escape(Units.of(c.path("precision"), ""))).append("</td><td>")
                    .append(Html.escape(Units.of(c.path("recall"), ""))).append("</td></tr>");
        }
        html.append("</tbody></table>");

        html.append("<h3>Calibration</h3><p>Bars: accuracy of the samples in each confidence bin; dots: their mean"
                + " confidence. A calibrated model's bars reach the dashed diagonal.</p>");
        List<ReliabilityDiagram.Bin> bins = new ArrayList<>();
        for (JsonNode bin : e.path("calibration")) {
            bins.add(new ReliabilityDiagram.Bin(bin.path("lower").asDouble(), bin.path("upper").asDouble(),
                    bin.path("count").asLong(), number(bin.path("confidence")), number(bin.path("accuracy"))));
        }
        html.append(new ReliabilityDiagram("Reliability diagram", bins).render());
        html.append("<table class=\"secmlops-calibration\"><thead><tr><th>Confidence</th>")
                .append("<th>Samples</th><th>Mean confidence</th><th>Accuracy</th></tr></thead><tbody>");
        for (JsonNode bin : e.path("calibration")) {
            html.append("<tr><td>").append(Html.escape(Units.of(bin.path("lower"), "") + "–"
                            + Units.of(bin.path("upper"), ""))).append("</td><td>")
                    .append(Html.escape(bin.path("count").asText())).append("</td><td>")
                    .append(Html.escape(Units.of(bin.path("confidence"), ""))).append("</td><td>")
                    .append(Html.escape(Units.of(bin.path("accuracy"), ""))).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /** A number from the details; NaN where it is missing or not a number. */
    private static double number(JsonNode value) {
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }
}
