package org.secmlops.core.capability.detection;

import com.fasterxml.jackson.databind.JsonNode;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.Units;

/** The detection details as HTML: run facts, per-class metrics, attacks and corruptions. */
final class DetectionHtml {
    private DetectionHtml() {
    }

    static String render(JsonNode details) {
        DetectionReport d = DetectionCapability.report(details);
        ClassNames names = ClassNames.from(details);
        StringBuilder html = new StringBuilder("<h2>Detection</h2><table class=\"secmlops-detection\"><tbody>");
        row(html, "Model", details.path("model").asText());
        row(html, "Data", details.path("data").asText());
        row(html, "Engine", d.engine() + " on " + d.device());
        row(html, "Output", d.decoder());
        row(html, "Images", Units.count(d.images(), "image"));
        row(html, "Ground-truth boxes", Units.count(d.truths(), "box", "boxes"));
        row(html, "AP@0.5 / AP@[.5:.95]", Units.of(d.ap50(), "") + " / " + Units.of(d.ap(), ""));
        row(html, "Precision / recall at the threshold", Units.of(d.precision(), "") + " / "
                + Units.of(d.recall(), ""));
        row(html, "Miss rate (clean)", Units.of(d.missRate(), ""));
        row(html, "Log-average miss rate MR⁻²", Units.of(d.logAverageMissRate(), ""));
        row(html, "Latency p50 / p95 per image", Units.milliseconds(d.latencyP50Millis()) + " / "
                + Units.milliseconds(d.latencyP95Millis()));
        row(html, "Frames per second", Units.perSecond(d.fps(), "images"));
        html.append("</tbody></table>");

        html.append("<h3>Per class</h3><table class=\"secmlops-classes\"><thead><tr><th>Class</th><th>Boxes</th>")
                .append("<th>Detections</th><th>Precision</th><th>Recall</th><th>AP@0.5</th><th>AP@[.5:.95]</th>")
                .append("<th>MR⁻²</th></tr></thead><tbody>");
        for (ClassDetection c : d.perClass()) {
            html.append("<tr><td>").append(Html.escape(names.label(c.label()))).append("</td><td>")
                    .append(c.truths()).append("</td><td>").append(c.detections()).append("</td>");
            for (double v : new double[] {c.precision(), c.recall(), c.ap50(), c.ap(), c.logAverageMissRate()}) {
                html.append("<td>").append(Html.escape(Units.of(v, ""))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");

        if (!d.attacks().isEmpty()) {
            html.append("<h3>Attacks</h3><p>Miss rate at the score threshold with each attack; a random patch of the"
                    + " adversarial patch's size is the baseline it is compared with.</p>")
                    .append("<table class=\"secmlops-attacks\"><thead><tr><th>Attack</th><th>Settings</th>")
                    .append("<th>Miss rate</th><th>False positives per image</th><th>Images</th><th>Time</th>")
                    .append("</tr></thead><tbody>");
            for (DetectionAttackRow a : d.attacks()) {
                html.append("<tr><td>").append(Html.escape(a.attack())).append("</td><td>")
                        .append(Html.escape(a.description())).append("</td><td>")
                        .append(Html.escape(Units.of(a.missRate(), ""))).append("</td><td>")
                        .append(Html.escape(Units.of(a.falsePositivesPerImage(), ""))).append("</td><td>")
                        .append(a.images()).append("</td><td>").append(Html.escape(Units.seconds(a.seconds())))
                        .append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        if (!d.corruptions().isEmpty()) {
            html.append("<h3>Corruptions</h3><table class=\"secmlops-corruptions\"><thead><tr><th>Corruption</th>")
                    .append("<th>Severity</th><th>Miss rate</th><th>AP@0.5</th></tr></thead><tbody>");
            for (DetectionCorruptionRow c : d.corruptions()) {
                html.append("<tr><td>").append(Html.escape(c.corruption())).append("</td><td>").append(c.severity())
                        .append("</td><td>").append(Html.escape(Units.of(c.missRate(), ""))).append("</td><td>")
                        .append(Html.escape(Units.of(c.ap50(), ""))).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        return html.toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }
}
