package org.secmlops.core.poison;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.HtmlReport;

/** The data check's section of the HTML report. Every text is escaped; thumbnails must be PNG data URIs. */
final class DataCheckHtml {
    private static final int MAX_LISTED = 100;

    private DataCheckHtml() {
    }

    static String render(JsonNode r) {
        StringBuilder html = new StringBuilder("<h2>Training data</h2><table class=\"secmlops-data\"><tbody>");
        row(html, "Data", r.path("data").asText());
        row(html, "Samples", r.path("samples").asText() + " (" + r.path("features").asText() + " values each, "
                + r.path("classes").asText() + " classes)");
        row(html, "Representation", r.path("embedding").asText());
        row(html, "Probabilities", r.path("probabilities").asText() + String.format(Locale.ROOT,
                "; accuracy against the given labels %.4f", r.path("probabilityAccuracy").asDouble()));
        row(html, "Suspicious samples", r.path("suspicious").asText());
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

        html.append("<h3>Top suspects</h3>");
        if (r.path("suspects").isEmpty()) {
            html.append("<p>No suspicious sample.</p>");
        } else {
            html.append("<table class=\"secmlops-suspects\"><thead><tr><th>Sample</th><th></th><th>Label</th>")
                    .append("<th>Suggested</th><th>Score</th><th>Flagged by</th></tr></thead><tbody>");
            for (JsonNode s : r.path("suspects")) {
                String thumbnail = s.path("thumbnail").asText(null);
                html.append("<tr><td><code>").append(Html.escape(s.path("id").asText())).append("</code></td><td>");
                if (Thumbnails.isDataUri(thumbnail)) {
                    html.append("<img alt=\"\" width=\"56\" height=\"56\" style=\"image-rendering:pixelated\" src=\"")
                            .append(Html.escape(thumbnail)).append("\">");
                }
                int suggested = s.path("suggestedLabel").asInt(-1);
                html.append("</td><td>").append(Html.escape(s.path("label").asText())).append("</td><td>")
                        .append(suggested >= 0 ? String.valueOf(suggested) : "&#8211;").append("</td><td>")
                        .append(HtmlReport.number(s.path("score").asDouble())).append("</td><td>");
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
                StringBuilder ids = new StringBuilder();
                for (JsonNode id : group) {
                    ids.append(ids.length() == 0 ? "" : ", ").append(id.asText());
                }
                html.append("<li>").append(Html.escape(ids.toString())).append("</li>");
            }
            html.append("</ul>");
        }

        JsonNode balance = r.path("balance");
        html.append("<h3>Class balance</h3><table class=\"secmlops-balance\"><thead><tr><th>Class</th>")
                .append("<th>Samples</th></tr></thead><tbody>");
        int c = 0;
        for (JsonNode count : balance.path("counts")) {
            html.append("<tr><td>").append(c++).append("</td><td>").append(Html.escape(count.asText()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table><p>Largest / smallest class: ")
                .append(HtmlReport.number(balance.path("imbalanceRatio").asDouble())).append("</p>");

        JsonNode drift = r.path("drift");
        if (drift.isObject()) {
            html.append("<h3>Drift against the reference</h3><p>Reference: ")
                    .append(Html.escape(drift.path("reference").asText())).append("; max PSI ")
                    .append(HtmlReport.number(drift.path("maxPsi").asDouble())).append(", label PSI ")
                    .append(HtmlReport.number(drift.path("labelPsi").asDouble())).append(", ")
                    .append(Html.escape(drift.path("driftedFeatures").asText()))
                    .append(" features above 0.25.</p><table class=\"secmlops-drift\"><thead><tr><th>Feature</th>")
                    .append("<th>PSI</th><th>KS</th><th>p-value</th></tr></thead><tbody>");
            for (JsonNode f : drift.path("top")) {
                html.append("<tr><td>").append(Html.escape(f.path("feature").asText())).append("</td><td>")
                        .append(HtmlReport.number(f.path("psi").asDouble())).append("</td><td>")
                        .append(HtmlReport.number(f.path("ks").asDouble())).append("</td><td>")
                        .append(Html.escape(String.format(Locale.ROOT, "%.3g", f.path("pValue").asDouble())))
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
                        .append(": ").append(ids.size());
                if (!ids.isEmpty()) {
                    StringBuilder list = new StringBuilder();
                    int shown = 0;
                    for (JsonNode id : ids) {
                        if (shown++ == MAX_LISTED) {
                            list.append(", …");
                            break;
                        }
                        list.append(shown == 1 ? "" : ", ").append(id.asText());
                    }
                    html.append(" &#8212; ").append(Html.escape(list.toString()));
                }
                html.append("</p>");
            }
        }
        return html.toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }
}
