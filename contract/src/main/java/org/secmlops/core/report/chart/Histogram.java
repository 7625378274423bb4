package org.secmlops.core.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * A histogram as static SVG: equal-width bins between {@code min} and {@code max} on a true-scale x axis, the
 * flagged part of each bin drawn in red on top of the rest, and an optional threshold marked by a dashed line.
 *
 * @param title     the chart's accessible name and caption
 * @param xLabel    what is binned, e.g. {@code score}
 * @param min       the lower edge of the first bin
 * @param max       the upper edge of the last bin, above {@code min}
 * @param counts    samples per bin
 * @param flagged   of those, flagged samples per bin (same length as {@code counts}), or empty
 * @param threshold the value to mark, or {@code null}
 */
public record Histogram(String title, String xLabel, double min, double max, List<Long> counts, List<Long> flagged,
        Double threshold) {
    static final int WIDTH = 420;
    static final int HEIGHT = 200;
    static final int LEFT = 50;
    static final int RIGHT = 14;
    static final int TOP = 28;
    static final int PLOT_HEIGHT = 120;

    public Histogram {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        counts = List.copyOf(counts);
        flagged = List.copyOf(flagged);
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("the bins must span a finite range, was " + min + ".." + max);
        }
        if (!flagged.isEmpty() && flagged.size() != counts.size()) {
            throw new IllegalArgumentException("flagged counts per bin differ in number from the bins");
        }
    }

    /** The x coordinate of a value. */
    double x(double value) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (value - min) / (max - min);
    }

    /** The chart as an {@code svg} element. */
    public String render() {
        long top = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        double axis = Svg.axisMax(top, 4);
        Svg svg = new Svg("secmlops-histogram", title, WIDTH, HEIGHT);
        svg.text(4, 15, "start", 13, title);
        double step = Svg.step(axis, 4);
        for (double tick = 0; tick <= axis + step / 2; tick += step) {
            double y = TOP + PLOT_HEIGHT * (1 - tick / axis);
            svg.line(LEFT, y, WIDTH - RIGHT, y, "#eee", "").text(LEFT - 4, y + 4, "end", 10, Svg.value(tick));
        }
        double binWidth = (max - min) / Math.max(1, counts.size());
        for (int b = 0; b < counts.size(); b++) {
            double lower = min + binWidth * b;
            double x = x(lower);
            double w = x(lower + binWidth) - x;
            long all = counts.get(b);
            long red = flagged.isEmpty() ? 0 : Math.min(all, flagged.get(b));
            double h = PLOT_HEIGHT * all / axis;
            double hRed = PLOT_HEIGHT * red / axis;
            String range = Svg.value(lower) + "–" + Svg.value(lower + binWidth);
            svg.rect(x + 0.5, TOP + PLOT_HEIGHT - h, w - 1, h - hRed, "#1f77b4",
                    xLabel + " " + range + ": " + all + " samples" + (flagged.isEmpty() ? "" : ", " + red + " flagged"));
            if (red > 0) {
                svg.rect(x + 0.5, TOP + PLOT_HEIGHT - hRed, w - 1, hRed, "#d62728",
                        xLabel + " " + range + ": " + red + " flagged");
            }
        }
        svg.line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "#888", "")
                .line(LEFT, TOP + PLOT_HEIGHT, WIDTH - RIGHT, TOP + PLOT_HEIGHT, "#888", "");
        double xStep = Svg.step(max - min, 4);
        for (double value = Math.ceil(min / xStep - 1e-9) * xStep; value <= max + xStep * 1e-9; value += xStep) {
            svg.line(x(value), TOP + PLOT_HEIGHT, x(value), TOP + PLOT_HEIGHT + 4, "#888", "")
                    .text(x(value), TOP + PLOT_HEIGHT + 14, "middle", 10, Svg.value(value));
        }
        svg.text((LEFT + WIDTH - RIGHT) / 2.0, TOP + PLOT_HEIGHT + 30, "middle", 11, xLabel + " (samples per bin)");
        if (threshold != null && Double.isFinite(threshold) && threshold >= min && threshold <= max) {
            double x = x(threshold);
            svg.line(x, TOP - 4, x, TOP + PLOT_HEIGHT, "#d62728", " stroke-width=\"2\" stroke-dasharray=\"4 3\"")
                    .text(x, TOP - 6, x > WIDTH - 90 ? "end" : "middle", 10, "#d62728",
                            "threshold " + Svg.value(threshold));
        }
        return svg.close();
    }
}
