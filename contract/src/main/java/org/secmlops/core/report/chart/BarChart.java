package org.secmlops.core.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * A horizontal bar chart as static SVG: one labelled bar per value, the value written at the bar's end with its
 * unit, and an optional marker line (e.g. a gate threshold). Bars whose value is not finite are labelled "n/a" and
 * drawn empty.
 *
 * @param title       the chart's accessible name and caption
 * @param unit        the unit of the values, e.g. {@code findings}; empty for none
 * @param bars        the bars, top to bottom
 * @param marker      a value to mark with a dashed line, or {@code null}
 * @param markerLabel what the marker means, e.g. {@code major drift 0.25}
 */
public record BarChart(String title, String unit, List<Bar> bars, Double marker, String markerLabel) {
    static final int WIDTH = 560;
    static final int LABEL_WIDTH = 170;
    static final int VALUE_WIDTH = 90;
    static final int ROW = 20;
    static final int TOP = 24;
    static final int BOTTOM = 24;

    public BarChart {
        Objects.requireNonNull(title, "title");
        unit = unit == null ? "" : unit;
        bars = List.copyOf(bars);
        markerLabel = markerLabel == null ? "" : markerLabel;
    }

    /**
     * One bar.
     *
     * @param label  its label (shortened in the chart, in full in its tooltip)
     * @param value  its length
     * @param colour a fill colour such as {@code #d62728}, or {@code null} for the default
     */
    public record Bar(String label, double value, String colour) {
        public Bar {
            Objects.requireNonNull(label, "label");
            if (colour != null && !colour.matches("#[0-9a-fA-F]{6}")) {
                throw new IllegalArgumentException("colour must be #rrggbb: " + colour);
            }
        }
    }

    /** The chart as an {@code svg} element. */
    public String render() {
        double max = marker != null && Double.isFinite(marker) ? Math.max(0, marker) : 0;
        for (Bar bar : bars) {
            if (Double.isFinite(bar.value())) {
                max = Math.max(max, bar.value());
            }
        }
        boolean counts = bars.stream().allMatch(b -> !Double.isFinite(b.value()) || b.value() == Math.rint(b.value()));
        double step = counts && max <= 4 ? 1 : Svg.step(Svg.axisMax(max, 4), 4);
        double axis = counts && max <= 4 ? Math.max(1, Math.ceil(max)) : Svg.axisMax(max, 4);
        int plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        int height = TOP + ROW * Math.max(1, bars.size()) + BOTTOM;
        Svg svg = new Svg("secmlops-bars", title, WIDTH, height);
        svg.text(4, 15, "start", 13, title);
        for (double tick = 0; tick <= axis + step / 2; tick += step) {
            double x = LABEL_WIDTH + plot * tick / axis;
            svg.line(x, TOP, x, height - BOTTOM, "#eee", "")
                    .text(x, height - BOTTOM + 14, "middle", 10, Svg.value(tick));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = TOP + ROW * i;
            String shown = Svg.value(bar.value()) + (unit.isEmpty() || !Double.isFinite(bar.value()) ? "" : " " + unit);
            svg.text(LABEL_WIDTH - 6, y + 14, "end", 11, Svg.shorten(bar.label(), 26));
            if (Double.isFinite(bar.value())) {
                double length = plot * Math.max(0, bar.value()) / axis;
                svg.rect(LABEL_WIDTH, y + 3, length, ROW - 6, bar.colour() == null ? "#1f77b4" : bar.colour(),
                        bar.label() + ": " + shown);
                svg.text(LABEL_WIDTH + length + 4, y + 14, "start", 10, shown);
            } else {
                svg.text(LABEL_WIDTH + 4, y + 14, "start", 10, shown);
            }
        }
        svg.line(LABEL_WIDTH, TOP, LABEL_WIDTH, height - BOTTOM, "#888", "");
        if (marker != null && Double.isFinite(marker)) {
            double x = LABEL_WIDTH + plot * Math.max(0, marker) / axis;
            svg.line(x, TOP - 4, x, height - BOTTOM, "#d62728", " stroke-dasharray=\"4 3\"")
                    .text(Math.min(x, WIDTH - 4), TOP - 6, x > WIDTH - 80 ? "end" : "middle", 10, "#d62728",
                            markerLabel.isEmpty() ? Svg.value(marker) : markerLabel);
        }
        return svg.close();
    }
}
