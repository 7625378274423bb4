package org.secmlops.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.SecurityCost;

/**
 * Renders a result as HTML: a fragment for the Jenkins report page and a self-contained page for
 * {@code report.html}. Neither contains a script, so both are safe under a Content-Security-Policy;
 * every text is escaped. Tables wrap their text and scroll sideways within the page rather than widen it; the
 * Jenkins report page adds sorting and filtering from the plugin's static script.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:1em 0}
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f3f3f3}
            .secmlops-status{font-weight:bold;padding:2px 6px;border-radius:3px}
            .secmlops-PASSED{background:#d4f7d4}.secmlops-INACTIVE{background:#eee}
            .secmlops-UNSTABLE{background:#fff0b3}.secmlops-FAILED{background:#ffd0d0}
            .secmlops-CRITICAL{background:#ffd0d0}.secmlops-HIGH{background:#ffe0c0}
            .secmlops-MEDIUM{background:#fff0b3}.secmlops-LOW{background:#eef}
            .secmlops-verdict{font-size:1.15em;margin:0.5em 0 1em}
            .secmlops-chart{display:block;margin:0.5em 0;max-width:100%;height:auto;background:#fff}
            .secmlops-charts{display:flex;flex-wrap:wrap;gap:1em}
            .secmlops-report{max-width:100%;overflow-wrap:break-word}
            .secmlops-report table{display:block;max-width:100%;overflow-x:auto}
            .secmlops-report td code{overflow-wrap:anywhere}.secmlops-status{white-space:nowrap}
            .secmlops-since summary{cursor:pointer;font-weight:bold}.secmlops-new-count{color:#b2182b}
            """;

    /** The largest detail section shown (characters of HTML); larger ones are replaced by a notice. */
    public static final int MAX_DETAIL_CHARS = 4_000_000;

    private HtmlReport() {
    }

    /** The report as an HTML fragment (no {@code html}/{@code body}), for embedding in a page. */
    public static String fragment(GateRunResult result, DetailSection detail) {
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"secmlops-report\">");
        html.append(verdict(result, detail).html());
        html.append("<p>Subject: <code>").append(Html.escape(result.subject())).append("</code>, SecMLOps ")
                .append(Html.escape(result.toolVersion())).append(", started ")
                .append(Html.escape(result.startedAt().toString())).append("</p>");
        appendGates(result, detail, html);
        html.append(summary(result, detail));
        appendMetrics(result.metrics(), detail, html);
        html.append(details(result, detail));
        html.append(ShardSection.render(result));
        appendCost(result.cost(), html);
        html.append("</div>");
        return html.toString();
    }

    /** The section's verdict; the generic one where the section cannot judge this result. */
    private static Verdict verdict(GateRunResult result, DetailSection detail) {
        try {
            return detail.verdict(result);
        } catch (RuntimeException e) {
            return DetailSection.NONE.verdict(result);
        }
    }

    /** The section's summary, or a notice in its place where it cannot be rendered. */
    private static String summary(GateRunResult result, DetailSection detail) {
        try {
            return detail.summary(result.details());
        } catch (RuntimeException e) {
            return "<p class=\"secmlops-notice\">The comparison with the reference build cannot be shown: "
                    + Html.escape(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "</p>";
        }
    }

    /**
     * The detail section, or a notice in its place where it cannot be rendered (a result whose details do not
     * have the shape the section expects) or would be larger than {@link #MAX_DETAIL_CHARS}.
     */
    private static String details(GateRunResult result, DetailSection detail) {
        String rendered;
        try {
            rendered = detail.render(result.details());
        } catch (RuntimeException e) {
            return "<p class=\"secmlops-notice\">The details of this result cannot be shown: "
                    + Html.escape(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
                    + "</p>";
        }
        if (rendered.length() > MAX_DETAIL_CHARS) {
            return "<p class=\"secmlops-notice\">The details of this result are too large to show here ("
                    + rendered.length() / 1_000_000 + " million characters of HTML); see result.json.</p>";
        }
        return rendered;
    }

    /** The report as a complete, self-contained HTML page. */
    public static String page(String title, GateRunResult result, DetailSection detail) {
        return PAGE_START + Html.escape(title)
                + "</title><style>" + STYLE + "</style></head><body><h1>" + Html.escape(title) + "</h1>"
                + fragment(result, detail) + "</body></html>\n";
    }

    private static final String PAGE_START = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>";

    /** Reports: an earlier one starts like {@link #page} and names the SecMLOps style classes. */
    public static final SafeOutput.Kind KIND = new SafeOutput.Kind("report.html", (content, size) -> {
        String text = new String(content, 0, Math.min(content.length, 1 << 16), StandardCharsets.UTF_8);
        return text.startsWith(PAGE_START) && text.contains("secmlops-");
    });

    /** Writes {@link #page} to the file; only an earlier report is replaced ({@link SafeOutput}). */
    public static void write(Path file, String title, GateRunResult result, DetailSection detail)
            throws IOException {
        SafeOutput.writeString(file, KIND, page(title, result, detail));
    }

    /** A status badge. */
    public static String status(String status) {
        String escaped = Html.escape(status);
        return "<span class=\"secmlops-status secmlops-" + escaped + "\">" + escaped + "</span>";
    }

    private static void appendGates(GateRunResult result, DetailSection detail, StringBuilder html) {
        html.append("<h2>Quality gates</h2>");
        if (result.gates().results().isEmpty()) {
            html.append("<p>No quality gates.</p>");
            return;
        }
        // outcome and reason first: where the table must scroll sideways, what failed and why stays in view
        html.append("<table class=\"secmlops-gates\"><thead><tr><th>Outcome</th><th>Metric</th><th>Reason</th>")
                .append("<th>Value</th><th>Threshold</th><th>Baseline</th><th>Reference</th><th>Criticality</th>")
                .append("</tr></thead><tbody>");
        for (GateResult gate : result.gates().results()) {
            String unit = detail.unit(gate.gate().metric());
            html.append("<tr><td>").append(status(gate.status().name())).append("</td><td>")
                    .append(Html.escape(gate.gate().metric())).append("</td><td>")
                    .append(Html.escape(gate.reason())).append("</td><td>")
                    .append(number(gate.value(), unit)).append("</td><td>")
                    .append(number(gate.gate().threshold(), unit)).append("</td><td>")
                    .append(gate.gate().baseline()).append("</td><td>")
                    .append(number(gate.referenceValue(), unit)).append("</td><td>")
                    .append(gate.gate().criticality()).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void appendMetrics(Map<String, Double> metrics, DetailSection detail, StringBuilder html) {
        html.append("<h2>Metrics</h2><table class=\"secmlops-metrics\"><tbody>");
        metrics.forEach((name, value) -> html.append("<tr><th>").append(Html.escape(name)).append("</th><td>")
                .append(number(value, detail.unit(name))).append("</td></tr>"));
        html.append("</tbody></table>");
    }

    private static void appendCost(SecurityCost cost, StringBuilder html) {
        html.append("<h2>Security cost</h2><table class=\"secmlops-cost\"><tbody>")
                .append("<tr><th>Wall time</th><td>").append(Units.seconds(cost.wallTimeMillis() / 1000.0))
                .append("</td></tr>")
                .append("<tr><th>Peak heap</th><td>").append(Units.mebibytes(cost.peakHeapBytes())).append("</td></tr>")
                .append("<tr><th>Peak resident memory</th><td>").append(Units.mebibytes(cost.peakRssBytes()))
                .append("</td></tr></tbody></table>");
    }

    /** A number for display; a dash for none, "n/a" for a value that is not a number. */
    public static String number(Double value) {
        return number(value, "");
    }

    /** A number and its unit for display; a dash for none, "n/a" for a value that is not a number. */
    public static String number(Double value, String unit) {
        return value == null ? "&#8211;" : Html.escape(Units.of(value, unit));
    }
}
