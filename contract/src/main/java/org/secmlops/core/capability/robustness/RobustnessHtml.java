package org.secmlops.core.capability.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.Units;
import org.secmlops.core.report.chart.LineChart;

/** The robustness details as HTML: tables and inline SVG images, every text escaped, no script. */
final class RobustnessHtml {
    private static final int PIXEL = 6;

    private RobustnessHtml() {
    }

    static String render(JsonNode details) {
        JsonNode r = details.path("robustness");
        ClassNames names = ClassNames.from(details);
        StringBuilder html = new StringBuilder("<h2>Robustness</h2><table class=\"secmlops-robustness\"><tbody>");
        row(html, "Model", details.path("model").asText());
        row(html, "Data", details.path("data").asText());
        row(html, "Engine", r.path("engine").asText() + " on " + r.path("device").asText());
        row(html, "Samples", Units.count(r.path("samples").asLong(), "sample"));
        row(html, "Clean accuracy", Units.of(r.path("cleanAccuracy"), ""));
        row(html, "Valid input range", r.path("inputRange").asText()
                + (details.hasNonNull("validRangeSource") ? " (" + details.path("validRangeSource").asText() + ")" : ""));
        row(html, "Seed", r.path("seed").asText());
        row(html, "Gate ε (largest)", r.path("gateEpsilon").isNumber() ? r.path("gateEpsilon").asText() : "none");
        html.append("</tbody></table>");
        flags(html, r.path("validityFlags"));
        notes(html, r.path("notes"));
        curve(html, r);
        summaries(html, r.path("attackSummaries"));
        perClass(html, r.path("perClass"), names);
        corruptions(html, r.path("corruptions"));
        smoothing(html, r.path("smoothing"));
        examples(html, r.path("examples"), names);
        if (details.hasNonNull(RobustnessCapability.DEFENSES_KEY)) {
            html.append(DefenseHtml.render(RobustnessCapability.defenses(details)));
        }
        return html.toString();
    }

    private static void flags(StringBuilder html, JsonNode flags) {
        html.append("<h3>Validity checks</h3>");
        if (flags.isEmpty()) {
            html.append("<p>No validity flag raised: gradients are finite and non-zero, no black-box attack beat the"
                    + " white-box ones, robust accuracy falls with ε, outputs are logits and clean accuracy is above"
                    + " chance.</p>");
            return;
        }
        html.append("<table class=\"secmlops-validity\"><thead><tr><th>Flag</th><th>Meaning</th></tr></thead><tbody>");
        for (JsonNode f : flags) {
            html.append("<tr><td class=\"secmlops-HIGH\">").append(Html.escape(f.path("id").asText()))
                    .append("</td><td><strong>").append(Html.escape(f.path("title").asText())).append("</strong><br>")
                    .append(Html.escape(f.path("detail").asText())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void notes(StringBuilder html, JsonNode notes) {
        if (notes.isEmpty()) {
            return;
        }
        html.append("<h3>Notes</h3><ul>");
        for (JsonNode n : notes) {
            html.append("<li>").append(Html.escape(n.asText())).append("</li>");
        }
        html.append("</ul>");
    }

    private static void curve(StringBuilder html, JsonNode r) {
        JsonNode attacks = r.path("attacks");
        if (attacks.isEmpty()) {
            return;
        }
        html.append("<h3>Robustness curve</h3><p>Robust accuracy: share of all samples classified correctly and not"
                + " broken. Worst case: no attack broke the sample. At ε = 0 it is the clean accuracy.</p>");
        html.append(curveCharts(r));
        html.append("<table class=\"secmlops-curve\"><thead><tr>")
                .append("<th>Attack</th><th>Norm</th><th>ε</th><th>Robust accuracy</th><th>Success rate</th>")
                .append("<th>Mean perturbation</th><th>Time</th><th>Heap allocated</th><th>Passes/sample</th>")
                .append("</tr></thead><tbody>");
        for (JsonNode w : r.path("worstCase")) {
            html.append("<tr><th>worst case</th><td></td><td>").append(Html.escape(w.path("epsilon").asText()))
                    .append("</td><td>").append(number(w.path("robustAccuracy"))).append("</td><td>")
                    .append(number(w.path("attackSuccessRate"))).append("</td><td></td><td></td><td></td><td></td>")
                    .append("</tr>");
        }
        for (JsonNode a : attacks) {
            long allocated = a.path("allocatedBytes").asLong();
            html.append("<tr><td>").append(Html.escape(a.path("attack").asText()))
                    .append(a.path("whiteBox").asBoolean() ? " (white-box)" : " (black-box)").append("</td><td>")
                    .append(Html.escape(a.path("norm").asText())).append("</td><td>")
                    .append(Html.escape(a.path("epsilon").asText())).append("</td><td>")
                    .append(number(a.path("robustAccuracy"))).append("</td><td>").append(number(a.path("successRate")))
                    .append("</td><td>").append(number(a.path("meanPerturbation"))).append("</td><td>")
                    .append(Units.seconds(a.path("seconds").asDouble())).append("</td><td>")
                    .append(Units.mebibytes(allocated))
                    .append("</td><td>").append(number(a.path("passesPerSample"))).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    /**
     * Robust accuracy against ε on a true-scale axis, one chart per norm with a line per attack and, for a single
     * norm, the worst case; every line starts at the clean accuracy at ε = 0.
     */
    private static String curveCharts(JsonNode r) {
        JsonNode attacks = r.path("attacks");
        double clean = r.path("cleanAccuracy").isNumber() ? r.path("cleanAccuracy").asDouble() : Double.NaN;
        Map<String, Map<String, List<LineChart.Point>>> byNorm = new TreeMap<>();
        for (JsonNode a : attacks) {
            byNorm.computeIfAbsent(a.path("norm").asText(), n -> new LinkedHashMap<>())
                    .computeIfAbsent(a.path("attack").asText(), n -> new ArrayList<>(List.of(
                            new LineChart.Point(0, clean))))
                    .add(new LineChart.Point(a.path("epsilon").asDouble(), value(a.path("robustAccuracy"))));
        }
        StringBuilder charts = new StringBuilder();
        byNorm.forEach((norm, lines) -> {
            List<LineChart.Series> series = new ArrayList<>();
            if (byNorm.size() == 1 && !r.path("worstCase").isEmpty()) {
                List<LineChart.Point> worst = new ArrayList<>(List.of(new LineChart.Point(0, clean)));
                for (JsonNode w : r.path("worstCase")) {
                    worst.add(new LineChart.Point(w.path("epsilon").asDouble(), value(w.path("robustAccuracy"))));
                }
                series.add(new LineChart.Series("worst case", worst));
            }
            lines.forEach((attack, points) -> series.add(new LineChart.Series(attack, points)));
            charts.append(new LineChart("Robust accuracy against ε (" + norm + ")", "ε (" + norm + ")",
                    "robust accuracy", series).render());
        });
        return charts.toString();
    }

    private static double value(JsonNode number) {
        return number.isNumber() ? number.asDouble() : Double.NaN;
    }

    private static void summaries(StringBuilder html, JsonNode summaries) {
        if (summaries.isEmpty()) {
            return;
        }
        html.append("<h3>Minimal perturbation</h3><p>Mean over broken samples of the smallest ε of the curve at which"
                + " the attack broke them.</p><table class=\"secmlops-minimal\"><thead><tr><th>Attack</th>")
                .append("<th>Norm</th><th>Samples broken</th><th>Mean minimal ε</th></tr></thead><tbody>");
        for (JsonNode s : summaries) {
            html.append("<tr><td>").append(Html.escape(s.path("attack").asText())).append("</td><td>")
                    .append(Html.escape(s.path("norm").asText())).append("</td><td>")
                    .append(Html.escape(s.path("brokenAtSomeBudget").asText())).append("</td><td>")
                    .append(number(s.path("meanMinimalEpsilon"))).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void perClass(StringBuilder html, JsonNode classes, ClassNames names) {
        html.append("<h3>Per class (gate ε)</h3><table class=\"secmlops-classes\"><thead><tr><th>Class</th>")
                .append("<th>Support</th><th>Clean accuracy</th><th>Robust accuracy</th></tr></thead><tbody>");
        for (JsonNode c : classes) {
            html.append("<tr><td>").append(Html.escape(names.label(c.path("label").asInt()))).append("</td><td>")
                    .append(Html.escape(Units.count(c.path("support").asLong(), "sample"))).append("</td><td>")
                    .append(number(c.path("cleanAccuracy"))).append("</td><td>")
                    .append(number(c.path("robustAccuracy"))).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void corruptions(StringBuilder html, JsonNode corruptions) {
        if (corruptions.isEmpty()) {
            return;
        }
        html.append("<h3>Natural corruptions</h3><table class=\"secmlops-corruptions\"><thead><tr><th>Corruption</th>")
                .append("<th>Severity</th><th>Level</th><th>Accuracy</th><th>Time</th></tr></thead><tbody>");
        for (JsonNode c : corruptions) {
            html.append("<tr><td>").append(Html.escape(c.path("corruption").asText())).append("</td><td>")
                    .append(Html.escape(c.path("severity").asText())).append("</td><td>")
                    .append(Html.escape(c.path("level").asText())).append("</td><td>")
                    .append(number(c.path("accuracy"))).append("</td><td>")
                    .append(Units.seconds(c.path("seconds").asDouble())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void smoothing(StringBuilder html, JsonNode s) {
        if (s.isMissingNode() || s.isNull()) {
            return;
        }
        html.append("<h3>Randomized smoothing certification</h3><p>").append(Html.escape(String.format(Locale.ROOT,
                "σ %s, n0 %d, n %d, alpha %s; abstained on %s of the samples; %s.", s.path("sigma").asText(),
                s.path("n0").asInt(), s.path("n").asInt(), s.path("alpha").asText(), Units.of(s.path("abstainRate"), ""),
                Units.seconds(s.path("seconds").asDouble())))).append("</p><table class=\"secmlops-certified\"><thead><tr>")
                .append("<th>L2 radius</th><th>Certified accuracy</th></tr></thead><tbody>");
        List<LineChart.Point> certified = new ArrayList<>();
        for (JsonNode p : s.path("points")) {
            certified.add(new LineChart.Point(p.path("radius").asDouble(), value(p.path("certifiedAccuracy"))));
        }
        html.insert(html.lastIndexOf("<table class=\"secmlops-certified\">"), new LineChart(
                "Certified accuracy against L2 radius", "L2 radius", "certified accuracy",
                List.of(new LineChart.Series("certified", certified))).render());
        for (JsonNode p : s.path("points")) {
            html.append("<tr><td>").append(Html.escape(p.path("radius").asText())).append("</td><td>")
                    .append(number(p.path("certifiedAccuracy"))).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void examples(StringBuilder html, JsonNode examples, ClassNames names) {
        if (examples.isEmpty()) {
            return;
        }
        html.append("<h3>Adversarial examples</h3><table class=\"secmlops-examples\"><thead><tr><th>Sample</th>")
                .append("<th>Clean</th><th>Adversarial</th><th>Attack</th></tr></thead><tbody>");
        for (JsonNode e : examples) {
            html.append("<tr><td>").append(Html.escape(e.path("sampleId").asText())).append("<br>label ")
                    .append(Html.escape(names.label(e.path("label").asInt()))).append("</td><td>")
                    .append(image(e.path("geometry"), e.path("clean"))).append("</td><td>")
                    .append(image(e.path("geometry"), e.path("adversarial"))).append("<br>predicted ")
                    .append(Html.escape(names.label(e.path("adversarialPrediction").asInt()))).append("</td><td>")
                    .append(Html.escape(e.path("attack").asText() + " ε " + e.path("epsilon").asText()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    /** The values as an inline SVG of one rect per pixel (gray for one channel, RGB for three). */
    static String image(JsonNode geometryNode, JsonNode values) {
        Pixels g = new Pixels(geometryNode.path("channels").asInt(1), geometryNode.path("height").asInt(1),
                geometryNode.path("width").asInt(1), geometryNode.path("channelsFirst").asBoolean());
        if (values.size() != g.size()) {
            return "";
        }
        StringBuilder svg = new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(g.width() * PIXEL).append("\" height=\"").append(g.height() * PIXEL)
                .append("\" shape-rendering=\"crispEdges\">");
        for (int row = 0; row < g.height(); row++) {
            for (int col = 0; col < g.width(); col++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    int c = g.channels() >= 3 ? k : 0;
                    double v = values.get(g.index(c, row, col)).asDouble();
                    rgb[k] = (int) Math.round(Math.min(1, Math.max(0, v)) * 255);
                }
                svg.append("<rect x=\"").append(col * PIXEL).append("\" y=\"").append(row * PIXEL)
                        .append("\" width=\"").append(PIXEL).append("\" height=\"").append(PIXEL)
                        .append(String.format(Locale.ROOT, "\" fill=\"#%02x%02x%02x\"/>", rgb[0], rgb[1], rgb[2]));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** An example's layout as the worker wrote it ({@code geometry}): channels, height, width, channel order. */
    private record Pixels(int channels, int height, int width, boolean channelsFirst) {
        Pixels {
            if (channels <= 0 || height <= 0 || width <= 0) {
                throw new IllegalArgumentException("geometry dimensions must be positive");
            }
        }

        int size() {
            return channels * height * width;
        }

        int index(int c, int r, int col) {
            return channelsFirst ? (c * height + r) * width + col : (r * width + col) * channels + c;
        }
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }

    private static String number(JsonNode value) {
        return Html.escape(Units.of(value, ""));
    }
}
