package org.secmlops.core.trend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.secmlops.core.report.Html;

/**
 * Renders trend series across builds as a static SVG line chart: no script and no style attribute, so
 * it is safe under Jenkins' Content-Security-Policy. Each point carries a {@code title} tooltip; a build's x-axis
 * label and points link to the build's page where the point has an {@code href}.
 */
public final class SvgTrendChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};
    /** The width of a full-size chart, in pixels. */
    public static final int WIDTH = 520;
    /** The width of a small chart, e.g. in the job page's floating box. */
    public static final int SMALL_WIDTH = 340;
    private static final int HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 64;

    private SvgTrendChart() {
    }

    /**
     * Renders a chart.
     *
     * @param title  the chart's title
     * @param series the names of the series to draw, in legend order
     * @param points the builds, oldest first
     * @return an {@code svg} element; a short note when no build has a value of any series
     */
    public static String render(String title, List<String> series, List<TrendPoint> points) {
        return render(title, series, points, List.of(), WIDTH);
    }

    /**
     * A threshold drawn across the chart as a dashed line, e.g. a gate's.
     *
     * @param label what it is, e.g. {@code gate >= 0.4}
     * @param value where it lies on the value axis
     */
    public record Threshold(String label, double value) {
    }

    /**
     * Renders a chart with thresholds, at a width.
     *
     * @param title      the chart's title, e.g. a metric and its unit
     * @param series     the names of the series to draw, in legend order
     * @param points     the builds, oldest first
     * @param thresholds dashed horizontal lines; the value axis always includes them
     * @param width      in pixels, e.g. {@link #WIDTH} or {@link #SMALL_WIDTH}
     * @return an {@code svg} element; a short note when no build has a value of any series
     */
    public static String render(String title, List<String> series, List<TrendPoint> points,
            List<Threshold> thresholds, int width) {
        return render(title, series, points, thresholds, width, Scale.DECIMAL);
    }

    /** How the value axis is labelled. */
    public enum Scale {
        /** Five evenly spaced ticks at any value, e.g. 0.25 for a fraction or a duration. */
        DECIMAL,
        /** Ticks at whole numbers only, for counts: 0 and 1 for a span of 0..1, never 0.25. */
        WHOLE_NUMBERS
    }

    /**
     * Renders a chart with thresholds, at a width, on a scale.
     *
     * @param title      the chart's title, e.g. a metric and its unit
     * @param series     the names of the series to draw, in legend order
     * @param points     the builds, oldest first; a point with an {@code href} links its x-axis label and its
     *                   points there
     * @param thresholds dashed horizontal lines; the value axis always includes them
     * @param width      in pixels, e.g. {@link #WIDTH} or {@link #SMALL_WIDTH}
     * @param scale      {@link Scale#WHOLE_NUMBERS} for counts, else {@link Scale#DECIMAL}
     * @return an {@code svg} element; a short note when no build has a value of any series
     */
    public static String render(String title, List<String> series, List<TrendPoint> points,
            List<Threshold> thresholds, int width, Scale scale) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (TrendPoint point : points) {
            for (String name : series) {
                Double value = point.values().get(name);
                if (value != null && Double.isFinite(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        boolean anyValue = min <= max;
        for (Threshold threshold : thresholds) {
            if (anyValue && Double.isFinite(threshold.value())) {
                min = Math.min(min, threshold.value());
                max = Math.max(max, threshold.value());
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"secmlops-trend\" width=\"").append(width)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"16\" font-size=\"13\" font-weight=\"bold\">")
                .append(Html.escape(title)).append("</text>");
        if (min > max) {
            svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" font-size=\"12\">No data yet</text></svg>");
            return svg.toString();
        }
        List<Double> ticks = scale == Scale.WHOLE_NUMBERS ? wholeTicks(min, max) : decimalTicks(min, max);
        min = ticks.get(0);
        max = ticks.get(ticks.size() - 1);
        int plotWidth = width - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        appendAxes(svg, ticks, plotHeight, width);
        appendXLabels(svg, points, plotWidth);
        for (Threshold threshold : thresholds) {
            if (Double.isFinite(threshold.value())) {
                double y = TOP + plotHeight - (threshold.value() - min) / (max - min) * plotHeight;
                svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                        .append(width - RIGHT).append("\" y2=\"").append(fmt(y))
                        .append("\" stroke=\"#b00020\" stroke-dasharray=\"6 4\"><title>")
                        .append(Html.escape(threshold.label())).append("</title></line>")
                        .append("<text x=\"").append(width - RIGHT).append("\" y=\"").append(fmt(y - 3))
                        .append("\" font-size=\"10\" text-anchor=\"end\" fill=\"#b00020\">")
                        .append(Html.escape(threshold.label())).append("</text>");
            }
        }
        int legendX = LEFT;
        int legendY = HEIGHT - BOTTOM + 34;
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS[s % COLOURS.length];
            appendSeries(svg, series.get(s), colour, points, min, max, plotWidth, plotHeight);
            int legendWidth = 14 + (int) Math.ceil(series.get(s).length() * 6.6) + 14;
            if (legendX > LEFT && legendX + legendWidth > width - RIGHT) {
                legendX = LEFT;
                legendY += 16;
            }
            svg.append("<rect x=\"").append(legendX).append("\" y=\"").append(legendY - 9)
                    .append("\" width=\"10\" height=\"10\" fill=\"").append(colour).append("\"/>")
                    .append("<text x=\"").append(legendX + 14).append("\" y=\"").append(legendY)
                    .append("\" font-size=\"11\">").append(Html.escape(series.get(s))).append("</text>");
            legendX += legendWidth;
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** Five evenly spaced ticks from min to max; a single value gets room on both sides. */
    private static List<Double> decimalTicks(double min, double max) {
        if (min == max) {
            min = min - Math.max(1, Math.abs(min) * 0.1);
            max = max + Math.max(1, Math.abs(max) * 0.1);
        }
        List<Double> ticks = new ArrayList<>();
        for (int tick = 0; tick <= 4; tick++) {
            ticks.add(min + (max - min) * tick / 4);
        }
        return ticks;
    }

    /** At most five ticks at whole numbers, a whole step apart, covering min to max (at least one step). */
    private static List<Double> wholeTicks(double min, double max) {
        long low = (long) Math.floor(min);
        long high = Math.max((long) Math.ceil(max), low + 1);
        long step = Math.max(1, (high - low + 3) / 4);
        List<Double> ticks = new ArrayList<>();
        for (long value = low; ticks.isEmpty() || ticks.get(ticks.size() - 1) < high; value += step) {
            ticks.add((double) value);
        }
        return ticks;
    }

    private static void appendAxes(StringBuilder svg, List<Double> ticks, int plotHeight, int width) {
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(TOP + plotHeight).append("\" stroke=\"#888\"/>");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + plotHeight).append("\" x2=\"")
                .append(width - RIGHT).append("\" y2=\"").append(TOP + plotHeight).append("\" stroke=\"#888\"/>");
        for (int tick = 0; tick < ticks.size(); tick++) {
            double y = TOP + plotHeight - plotHeight * tick / (double) (ticks.size() - 1);
            svg.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fmt(y + 4))
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(Html.escape(label(ticks.get(tick))))
                    .append("</text>");
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(width - RIGHT).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#eee\"/>");
        }
    }

    private static void appendXLabels(StringBuilder svg, List<TrendPoint> points, int plotWidth) {
        int every = Math.max(1, points.size() / 10);
        for (int i = 0; i < points.size(); i += every) {
            StringBuilder label = new StringBuilder("<text x=\"").append(fmt(x(i, points.size(), plotWidth)))
                    .append("\" y=\"").append(HEIGHT - BOTTOM + 14)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">")
                    .append(Html.escape(points.get(i).label())).append("</text>");
            svg.append(linked(points.get(i), label));
        }
    }

    private static void appendSeries(StringBuilder svg, String name, String colour, List<TrendPoint> points,
            double min, double max, int plotWidth, int plotHeight) {
        List<String> coordinates = new ArrayList<>();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Double value = points.get(i).values().get(name);
            if (value == null || !Double.isFinite(value)) {
                continue;
            }
            double x = x(i, points.size(), plotWidth);
            double y = TOP + plotHeight - (value - min) / (max - min) * plotHeight;
            coordinates.add(fmt(x) + "," + fmt(y));
            StringBuilder dot = new StringBuilder("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
                    .append("\" r=\"3\" fill=\"").append(colour).append("\"><title>")
                    .append(Html.escape(points.get(i).label() + " " + name + " = " + label(value)))
                    .append("</title></circle>");
            dots.append(linked(points.get(i), dot));
        }
        if (coordinates.size() > 1) {
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(String.join(" ", coordinates)).append("\"/>");
        }
        svg.append(dots);
    }

    /** The element inside a link to the point's build, or as it is when the point has no link. */
    private static CharSequence linked(TrendPoint point, CharSequence element) {
        if (point.href().isEmpty()) {
            return element;
        }
        return new StringBuilder("<a href=\"").append(Html.escape(point.href())).append("\">").append(element)
                .append("</a>");
    }

    private static double x(int index, int count, int plotWidth) {
        return count == 1 ? LEFT + plotWidth / 2.0 : LEFT + plotWidth * index / (double) (count - 1);
    }

    private static String fmt(double coordinate) {
        return String.format(Locale.ROOT, "%.1f", coordinate);
    }

    private static String label(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
