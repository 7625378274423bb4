package org.secmlops.core.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.Capability;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.MetricCatalog;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/**
 * Model evaluation as a gate: accuracy, calibration, latency and throughput of a model on labelled data. By
 * default accuracy may drop by at most 0.01 against the reference build (UNSTABLE otherwise).
 */
public final class EvaluateCapability implements Capability {
    /** The one instance. */
    public static final EvaluateCapability INSTANCE = new EvaluateCapability();

    public static final String ACCURACY = "ACCURACY";
    public static final String ECE = "ECE";
    public static final String LATENCY_P95 = "LATENCY_P95";
    public static final String THROUGHPUT = "THROUGHPUT";

    private static final MetricCatalog CATALOG = new MetricCatalog("evaluate", List.of(
            new MetricDefinition(ACCURACY, "Share of samples whose top output is the label (0..1)",
                    MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(ECE, "Expected calibration error over 15 confidence bins (0..1)",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(LATENCY_P95, "95th percentile of model time per batch, milliseconds",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(THROUGHPUT, "Samples per second of model time", MetricDirection.HIGHER_IS_BETTER)));

    private EvaluateCapability() {
    }

    @Override
    public String displayName() {
        return "Model evaluation";
    }

    @Override
    public MetricCatalog catalog() {
        return CATALOG;
    }

    @Override
    public Optional<String> missingThreshold(List<QualityGate> gates) {
        boolean threshold = gates.stream().anyMatch(gate -> gate.baseline() == Baseline.ABSOLUTE
                && gate.metric().equals(ACCURACY));
        return threshold ? Optional.empty() : Optional.of("No accuracy threshold is set: PASSED only means accuracy"
                + " did not drop against the last passing build. Set one, e.g. ACCURACY >= 0.9 (docs/gates.md,"
                + " recommended gates).");
    }

    @Override
    public List<QualityGate> defaultGates() {
        return List.of(QualityGate.delta(ACCURACY, 0.01, Criticality.UNSTABLE));
    }

    /** The metrics and details of an evaluation. */
    public Measurement measure(EvaluationReport report, String model, String data) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(ACCURACY, report.accuracy());
        metrics.put(ECE, report.expectedCalibrationError());
        metrics.put(LATENCY_P95, report.latencyP95Millis());
        metrics.put(THROUGHPUT, report.throughput());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("model", model);
        details.put("data", data);
        details.set("evaluation", Json.mapper().valueToTree(report));
        return new Measurement(metrics, details);
    }

    /** Renders the per-class table, confusion matrix and calibration bins. */
    @Override
    public DetailSection detailSection() {
        return EvaluateCapability::render;
    }

    private static String render(JsonNode details) {
        JsonNode e = details.path("evaluation");
        StringBuilder html = new StringBuilder("<h2>Evaluation</h2><table class=\"secmlops-evaluation\"><tbody>");
        row(html, "Model", details.path("model").asText());
        row(html, "Data", details.path("data").asText());
        row(html, "Engine", e.path("engine").asText() + " on " + e.path("device").asText());
        row(html, "Samples", e.path("samples").asText());
        row(html, "Batch size", e.path("batchSize").asText());
        row(html, "Outputs taken as", e.path("probabilityOutputs").asBoolean() ? "probabilities" : "logits (softmax)");
        html.append("</tbody></table>");

        html.append("<h3>Per class</h3><table class=\"secmlops-classes\"><thead><tr><th>Class</th><th>Support</th>")
                .append("<th>Predicted</th><th>Precision</th><th>Recall</th></tr></thead><tbody>");
        for (JsonNode c : e.path("perClass")) {
            html.append("<tr><td>").append(Html.escape(c.path("label").asText())).append("</td><td>")
                    .append(Html.escape(c.path("support").asText())).append("</td><td>")
                    .append(Html.escape(c.path("predicted").asText())).append("</td><td>")
                    .append(number(c.path("precision"))).append("</td><td>").append(number(c.path("recall")))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");

        html.append("<h3>Confusion matrix</h3><p>Rows: true class; columns: predicted class.</p>")
                .append("<table class=\"secmlops-confusion\"><thead><tr><th></th>");
        int classes = e.path("confusion").size();
        for (int c = 0; c < classes; c++) {
            html.append("<th>").append(c).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int r = 0;
        for (JsonNode row : e.path("confusion")) {
            html.append("<tr><th>").append(r++).append("</th>");
            for (JsonNode v : row) {
                html.append("<td>").append(Html.escape(v.asText())).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");

        html.append("<h3>Calibration</h3><table class=\"secmlops-calibration\"><thead><tr><th>Confidence</th>")
                .append("<th>Samples</th><th>Mean confidence</th><th>Accuracy</th></tr></thead><tbody>");
        for (JsonNode bin : e.path("calibration")) {
            html.append("<tr><td>").append(String.format(Locale.ROOT, "%.3f&#8211;%.3f", bin.path("lower").asDouble(),
                    bin.path("upper").asDouble())).append("</td><td>").append(Html.escape(bin.path("count").asText()))
                    .append("</td><td>").append(number(bin.path("confidence"))).append("</td><td>")
                    .append(number(bin.path("accuracy"))).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? HtmlReport.number(value.asDouble()) : "&#8211;";
    }
}
