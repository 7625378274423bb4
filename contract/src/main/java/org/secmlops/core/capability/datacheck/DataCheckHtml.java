package org.secmlops.core.capability.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.report.NaturalOrder;
import org.secmlops.core.report.Units;
import org.secmlops.core.report.chart.BarChart;
import org.secmlops.core.report.chart.Histogram;
import org.secmlops.core.report.chart.Thumbnails;

/** The data check's section of the HTML report. Every text is escaped; thumbnails must be PNG data URIs. */
public final class DataCheckHtml {
    private static final int MAX_LISTED = 100;

    private DataCheckHtml() {
    }

    /** Whether text is a PNG data URI and nothing else (checked before it goes into an attribute). */
    public static boolean isPngDataUri(String text) {
        return Thumbnails.isDataUri(text);
    }

    /** The section of a data check's details ({@code dataCheck}) whose classes have no names. */
    public static String render(JsonNode r) {
        return render(r, ClassNames.NONE);
    }

    /** The section of a data check's details ({@code dataCheck}), classes shown by name. */
    public static String render(JsonNode r, ClassNames names) {
        StringBuilder html = new StringBuilder("<h2>Training data</h2><table class=\"secmlops-data\"><tbody>");
        row(html, "Data", r.path("data").asText());
        row(html, "Samples", Units.count(r.path("samples").asLong(), "sample") + " ("
                + Units.count(r.path("features").asLong(), "value") + " each, "
                + Units.count(r.path("classes").asLong(), "class", "classes") + ")");
        row(html, "Representation", r.path("embedding").asText());
        row(html, "Probabilities", r.path("probabilities").asText() + "; accuracy against the given labels "
                + Units.of(r.path("probabilityAccuracy"), ""));
        row(html, "Suspicious samples", Units.count(r.path("suspicious").asLong(), "sample"));
        row(html, "Manifest digest", "sha256:" + r.path("manifestDigest").asText());
        html.append("</tbody></table>");

        html.append("<h3>Detectors</h3><table class=\"secmlops-detectors\"><thead><tr><th>Detector</th>")
                .append("<th>Role</th><th>Flagged</th><th>Method</th></tr></thead><tbody>");
        for (JsonNode d : r.path("detectors")) {
            html.append("<tr><td>").append(Html.escape(d.path("detector").asText())).append("</td><td>")
                    .append(d.path("verdict").asBoolean() ? "verdict" : "evidence").append("</td><td>")
                    .append(Html.escape(d.path("flagged").asText())).append("</td><td>")
                    .append(Html.escape(d.path("method").asText())).append("</td></tr>");
        }
        html.append("</tbody></table>");
        histograms(html, r.path("detectors"));

        backdoorGroups(html, r.path("backdoorGroups"), names);
        html.append("<h3>Top suspects</h3>");
        if (r.path("suspects").isEmpty()) {
            html.append("<p>No suspicious sample.</p>");
        } else {
            html.append("<table class=\"secmlops-suspects\"><thead><tr><th>Sample</th><th></th><th>Label</th>")
                    .append("<th>Suggested</th><th>Score</th><th>Flagged by</th></tr></thead><tbody>");
            for (JsonNode s : r.path("suspects")) {
                String thumbnail = s.path("thumbnail").asText(null);
                html.append("<tr><td><code>").append(Html.escape(s.path("id").asText())).append("</code></td><td>");
                if (isPngDataUri(thumbnail)) {
                    html.append("<img alt=\"\" width=\"56\" height=\"56\" style=\"image-rendering:pixelated\" src=\"")
                            .append(Html.escape(thumbnail)).append("\">");
                }
                int suggested = s.path("suggestedLabel").asInt(-1);
                html.append("</td><td>").append(Html.escape(names.label(s.path("label").asInt()))).append("</td><td>")
                        .append(suggested >= 0 ? Html.escape(names.label(suggested)) : "&#8211;").append("</td><td>")
                        .append(Html.escape(Units.of(s.path("score"), ""))).append("</td><td>");
                StringBuilder by = new StringBuilder();
                for (JsonNode d : s.path("detectors")) {
                    by.append(by.length() == 0 ? "" : ", ").append(d.asText());
                }
                html.append(Html.escape(by.toString())).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        if (!r.path("conflicts").isEmpty()) {
            html.append("<h3>Identical samples with different labels</h3><ul>");
            for (JsonNode group : r.path("conflicts")) {
                html.append("<li>").append(Html.escape(String.join(", ", sorted(group)))).append("</li>");
            }
            html.append("</ul>");
        }

        JsonNode balance = r.path("balance");
        List<BarChart.Bar> classBars = new ArrayList<>();
        for (JsonNode count : balance.path("counts")) {
            classBars.add(new BarChart.Bar(names.label(classBars.size()), count.asDouble(), null));
        }
        html.append("<h3>Class balance</h3>").append(new BarChart("Samples per class", "samples", classBars, null,
                null).render()).append("<p>Largest / smallest class: ")
                .append(Html.escape(Units.of(balance.path("imbalanceRatio"), ""))).append("</p>");

        JsonNode drift = r.path("drift");
        if (drift.isObject()) {
            html.append("<h3>Drift against the reference</h3><p>Reference: ")
                    .append(Html.escape(drift.path("reference").asText())).append("; max PSI ")
                    .append(HtmlReport.number(drift.path("maxPsi").asDouble())).append(", label PSI ")
                    .append(HtmlReport.number(drift.path("labelPsi").asDouble())).append(", ")
                    .append(Html.escape(drift.path("driftedFeatures").asText()))
                    .append(" features above 0.25.</p>").append(driftChart(drift.path("top")))
                    .append("<table class=\"secmlops-drift\"><thead><tr><th>Feature</th>")
                    .append("<th>PSI</th><th>KS</th><th>p-value</th></tr></thead><tbody>");
            for (JsonNode f : drift.path("top")) {
                html.append("<tr><td>").append(Html.escape(featureName(f))).append("</td><td>")
                        .append(HtmlReport.number(f.path("psi").asDouble())).append("</td><td>")
                        .append(HtmlReport.number(f.path("ks").asDouble())).append("</td><td>")
                        .append(Html.escape(f.path("pValue").isNumber() && Double.isFinite(f.path("pValue").asDouble())
                                ? String.format(Locale.ROOT, "%.3g", f.path("pValue").asDouble())
                                : Units.NOT_AVAILABLE))
                        .append("</td></tr>");
            }
            html.append("</tbody></table>");
        }

        JsonNode integrity = r.path("integrity");
        if (integrity.isObject()) {
            html.append("<h3>Integrity against the approved manifest</h3><p>Approved sha256:")
                    .append(Html.escape(integrity.path("approvedDigest").asText())).append(", now sha256:")
                    .append(Html.escape(integrity.path("digest").asText())).append("; ")
                    .append(Html.escape(integrity.path("moved").asText()))
                    .append(" samples moved with unchanged content.</p>");
            for (String kind : new String[] {"added", "removed", "modified"}) {
                JsonNode ids = integrity.path(kind);
                html.append("<p>").append(kind.substring(0, 1).toUpperCase(Locale.ROOT)).append(kind.substring(1))
                        .append(": ").append(Units.count(ids.size(), "sample"));
                if (!ids.isEmpty()) {
                    List<String> all = sorted(ids);
                    String list = String.join(", ", all.subList(0, Math.min(MAX_LISTED, all.size())))
                            + (all.size() > MAX_LISTED ? ", …" : "");
                    html.append(" &#8212; ").append(Html.escape(list));
                }
                html.append("</p>");
            }
        }
        return html.toString();
    }

    /** One score histogram per detector, its threshold marked where its flags are a threshold on the score. */
    private static void backdoorGroups(StringBuilder html, JsonNode groups, ClassNames names) {
        if (groups.isEmpty()) {
            return;
        }
        html.append("<h3>Backdoor trigger groups</h3><table class=\"secmlops-backdoors\"><thead><tr><th>Target</th>")
                .append("<th>Samples</th><th>Trigger</th><th>Suggested true labels</th><th>Group minus rest of")
                .append(" class</th></tr></thead><tbody>");
        for (JsonNode g : groups) {
            String target = names.label(g.path("targetClass").asInt());
            StringBuilder suggested = new StringBuilder();
            g.path("suggestedLabels").fields().forEachRemaining(e -> suggested.append(suggested.length() == 0 ? ""
                    : ", ").append(names.label(Integer.parseInt(e.getKey()))).append(": ").append(e.getValue()
                    .asInt()));
            html.append("<tr><td>").append(Html.escape(target)).append("</td><td>")
                    .append(Html.escape(Units.count(g.path("size").asLong(), "sample"))).append(" (")
                    .append(Html.escape(String.format(Locale.ROOT, "%.1f", 100 * g.path("classShare").asDouble())))
                    .append("% of the class)</td><td>")
                    .append(Html.escape(Units.count(g.path("triggerFeatures").size(), "feature")))
                    .append(" with fixed values, held by ")
                    .append(Html.escape(String.format(Locale.ROOT, "%.2f", 100 * g.path("outsideShare").asDouble())))
                    .append("% of the other classes").append(Html.escape(occlusion(g.path("occlusion"))))
                    .append("</td><td>").append(Html.escape(suggested.toString()))
                    .append("</td><td>");
            if (g.hasNonNull("heatMap")) {
                html.append(MeanDifferenceSvg.render(g.path("heatMap"), "mean difference of the group labelled "
                        + target + " against the rest of its class"));
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    /** The model's answer to occluding the patch, or nothing when it was not run again. */
    private static String occlusion(JsonNode occlusion) {
        if (!occlusion.isObject()) {
            return "";
        }
        return String.format(Locale.ROOT, "; occluded, %.0f%% of the %d the model predicted as this class move to"
                + " another", 100 * occlusion.path("movedShare").asDouble(), occlusion.path("predictedTarget").asInt());
    }

    private static void histograms(StringBuilder html, JsonNode detectors) {
        StringBuilder charts = new StringBuilder();
        for (JsonNode d : detectors) {
            JsonNode h = d.path("scores");
            if (!h.isObject() || !h.path("min").isNumber() || !h.path("max").isNumber()
                    || !(h.path("max").asDouble() > h.path("min").asDouble())) {
                continue;
            }
            List<Long> counts = new ArrayList<>();
            h.path("counts").forEach(n -> counts.add(n.asLong()));
            List<Long> flagged = new ArrayList<>();
            h.path("flagged").forEach(n -> flagged.add(n.asLong()));
            charts.append(new Histogram("Scores of " + d.path("detector").asText(), "score", h.path("min").asDouble(),
                    h.path("max").asDouble(), counts, flagged.size() == counts.size() ? flagged : List.of(),
                    h.path("threshold").isNumber() ? h.path("threshold").asDouble() : null).render());
        }
        if (charts.length() > 0) {
            html.append("<h3>Score distributions</h3><p>Samples per score bin for each detector; red: flagged."
                    + " The dashed line marks the threshold where the detector flags every sample scoring at least"
                    + " that and no other.</p><div class=\"secmlops-charts\">").append(charts).append("</div>");
        }
    }

    /** The PSI of the most drifted features as bars, the major-drift level 0.25 marked. */
    private static String driftChart(JsonNode top) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (JsonNode f : top) {
            double psi = f.path("psi").isNumber() ? f.path("psi").asDouble() : Double.NaN;
            bars.add(new BarChart.Bar(featureName(f), psi, psi > DataCheckCapability.MAJOR_DRIFT_PSI ? "#d62728" : null));
        }
        return bars.isEmpty() ? "" : new BarChart("Drift per feature (PSI)", "", bars, DataCheckCapability.MAJOR_DRIFT_PSI,
                "major drift " + DataCheckCapability.MAJOR_DRIFT_PSI).render();
    }

    /** The feature's column name where the data has one, else its index. */
    private static String featureName(JsonNode drift) {
        String name = drift.path("name").asText("");
        return name.isEmpty() ? "feature " + drift.path("feature").asText() : name;
    }

    /** The ids in natural order ("s2" before "s10"). */
    private static List<String> sorted(JsonNode ids) {
        List<String> all = new ArrayList<>();
        ids.forEach(id -> all.add(id.asText()));
        all.sort(NaturalOrder.INSTANCE);
        return all;
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }
}
