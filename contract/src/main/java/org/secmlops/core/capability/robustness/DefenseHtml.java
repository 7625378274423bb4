package org.secmlops.core.capability.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.Units;
import org.secmlops.core.report.chart.LineChart;

/** The trade-off as HTML: the table of configurations and two static SVG charts, every text escaped, no script. */
final class DefenseHtml {
    private DefenseHtml() {
    }

    /** The section for one report. */
    static String render(DefenseReport report) {
        StringBuilder html = new StringBuilder("<h3>Defenses: the security–performance trade-off</h3>");
        html.append("<p>Selected: <strong>").append(Html.escape(report.selected())).append("</strong> (")
                .append(Html.escape(report.selectionReason())).append("). Robust accuracy is the worst case over the"
                + " attacks at ε = ").append(report.gateEpsilon() == null ? "n/a" : Html.escape(String.valueOf(
                report.gateEpsilon()))).append(", each sample attacked with and without knowledge of the defense"
                + " (BPDA, EOT over ").append(report.eotSamples()).append(" draws, the detector-aware objective)."
                + " Latency and throughput are batched predictions timed in interleaved rounds on this agent.</p>");
        html.append("<table class=\"secmlops-defenses\"><thead><tr><th>Configuration</th><th>Clean accuracy</th>"
                + "<th>Robust accuracy (adaptive)</th><th>Robust accuracy (ignoring the defense)</th>"
                + "<th>Detection rate</th><th>False-positive rate</th><th>Latency p50 / p95 per batch</th>"
                + "<th>Throughput</th><th>Latency overhead</th><th>Pareto-optimal</th></tr></thead><tbody>");
        for (DefenseRow row : report.rows()) {
            boolean selected = row.defense().equals(report.selected());
            html.append("<tr").append(selected ? " class=\"secmlops-selected\"" : "").append("><td>")
                    .append(selected ? "<strong>" : "").append(Html.escape(row.defense()))
                    .append(selected ? "</strong>" : "").append(row.gradientMasking()
                            ? " <span class=\"secmlops-HIGH\">masks gradients</span>" : "")
                    .append("</td><td>").append(share(row.cleanAccuracy()))
                    .append("</td><td>").append(share(row.robustAccuracy()))
                    .append("</td><td>").append(share(row.nonAdaptiveRobustAccuracy()))
                    .append("</td><td>").append(share(row.detectionRate()))
                    .append("</td><td>").append(share(row.falsePositiveRate()))
                    .append("</td><td>").append(Html.escape(Units.milliseconds(row.latencyP50Ms()) + " / "
                            + Units.milliseconds(row.latencyP95Ms())))
                    .append("</td><td>").append(Html.escape(Units.perSecond(row.throughput(), "samples")))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.2f×", row.latencyOverhead()))
                    .append("</td><td>").append(row.pareto() ? "yes" : "").append("</td></tr>");
        }
        html.append("</tbody></table>");
        if (report.rows().stream().anyMatch(DefenseRow::gradientMasking)) {
            html.append("<p class=\"secmlops-HIGH\">A defense marked \"masks gradients\" looks robust only to attacks"
                    + " that ignore it: robust accuracy under them is more than ").append(Units.of(
                    DefenseReport.MASKING_MARGIN, "")).append(" above robust accuracy under the adaptive attack."
                    + " Trust the adaptive number.</p>");
        }
        boolean attacked = report.rows().stream().anyMatch(r -> r.robustAccuracy() != null);
        if (attacked) {
            html.append(chart(report, "Robust accuracy against latency overhead", "latency overhead (×)",
                    DefenseRow::latencyOverhead));
            html.append(chart(report, "Robust accuracy against clean-accuracy loss", "clean-accuracy loss",
                    row -> Math.max(0, report.baseline().cleanAccuracy() - row.cleanAccuracy())));
        }
        for (String note : report.notes()) {
            html.append("<p>").append(Html.escape(note)).append("</p>");
        }
        return html.toString();
    }

    private static String chart(DefenseReport report, String title, String xLabel, ToDoubleFunction<DefenseRow> x) {
        List<LineChart.Series> series = new ArrayList<>();
        List<LineChart.Point> front = report.rows().stream().filter(DefenseRow::pareto)
                .filter(r -> r.robustAccuracy() != null)
                .map(r -> new LineChart.Point(x.applyAsDouble(r), r.robustAccuracy())).toList();
        series.add(new LineChart.Series("Pareto-optimal", front));
        for (DefenseRow row : report.rows()) {
            if (row.robustAccuracy() != null) {
                series.add(new LineChart.Series(row.defense(), List.of(new LineChart.Point(x.applyAsDouble(row),
                        row.robustAccuracy()))));
            }
        }
        return new LineChart(title, xLabel, "robust accuracy", series).render();
    }

    private static String share(Double value) {
        return value == null ? Units.NOT_AVAILABLE : Html.escape(Units.of(value, ""));
    }
}
