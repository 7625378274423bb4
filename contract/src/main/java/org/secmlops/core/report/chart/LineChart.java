package org.secmlops.core.report.chart;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A line chart as static SVG with a true-scale numeric x axis from 0 and a fixed 0–1 y axis: made for shares such
 * as accuracy against a perturbation budget. Points whose coordinates are not finite are left out.
 *
 * @param title  the chart's accessible name and caption
 * @param xLabel the x axis' name, e.g. {@code ε (linf)}
 * @param yLabel the y axis' name, e.g. {@code robust accuracy}
 * @param series the lines, in legend order
 */
public record LineChart(String title, String xLabel, String yLabel, List<Series> series) {
    private static final String[] COLOURS = {"#222222", "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
        "#8c564b", "#e377c2"};
    static final int WIDTH = 560;
    static final int LEFT = 50;
    static final int RIGHT = 16;
    static final int TOP = 26;
    static final int PLOT_HEIGHT = 180;

    public LineChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        series = List.copyOf(series);
    }

    /**
     * One line.
     *
     * @param name   its legend entry
     * @param points its points, in any order (drawn by increasing x)
     */
    public record Series(String name, List<Point> points) {
        public Series {
            Objects.requireNonNull(name, "name");
            points = points.stream().filter(p -> Double.isFinite(p.x()) && Double.isFinite(p.y()))
                    .sorted(Comparator.comparingDouble(Point::x)).toList();
        }
    }

    /** A point of a series. */
    public record Point(double x, double y) {
    }

    /** The x coordinate of a value on an axis from 0 to {@code axis}. */
    static double x(double value, double axis) {
        return LEFT + (WIDTH - LEFT - RIGHT) * value / axis;
    }

    /** The y coordinate of a share, clamped to 0..1. */
    static double y(double share) {
        return TOP + PLOT_HEIGHT * (1 - Math.min(1, Math.max(0, share)));
    }

    private static int legendWidth(Series line) {
        return 24 + (int) Math.ceil(Math.min(line.name().length(), 30) * 6.2);
    }

    /** The rows the legend takes, wrapping as {@link #render} does. */
    private int legendRows() {
        int rows = 1;
        double x = LEFT;
        for (Series line : series) {
            if (x > LEFT && x + legendWidth(line) > WIDTH - RIGHT) {
                x = LEFT;
                rows++;
            }
            x += legendWidth(line);
        }
        return rows;
    }

    /** The chart as an {@code svg} element. */
    public String render() {
        double max = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::x).max().orElse(0);
        double axis = Svg.axisMax(max, 5);
        Svg svg = new Svg("secmlops-line", title, WIDTH, TOP + PLOT_HEIGHT + 52 + 16 * (legendRows() - 1) + 10);
        svg.text(4, 15, "start", 13, title);
        for (int tick = 0; tick <= 5; tick++) {
            double y = y(tick / 5.0);
            svg.line(LEFT, y, WIDTH - RIGHT, y, "#eee", "").text(LEFT - 4, y + 4, "end", 10, Svg.value(tick / 5.0));
        }
        double step = Svg.step(axis, 5);
        for (double tick = 0; tick <= axis + step / 2; tick += step) {
            svg.line(x(tick, axis), TOP + PLOT_HEIGHT, x(tick, axis), TOP + PLOT_HEIGHT + 4, "#888", "")
                    .text(x(tick, axis), TOP + PLOT_HEIGHT + 16, "middle", 10, Svg.value(tick));
        }
        svg.line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "#888", "")
                .line(LEFT, TOP + PLOT_HEIGHT, WIDTH - RIGHT, TOP + PLOT_HEIGHT, "#888", "")
                .text((LEFT + WIDTH - RIGHT) / 2.0, TOP + PLOT_HEIGHT + 32, "middle", 11, xLabel)
                .raw("<text x=\"12\" y=\"" + Svg.c(TOP + PLOT_HEIGHT / 2.0) + "\" font-size=\"11\""
                        + " text-anchor=\"middle\" transform=\"rotate(-90 12 " + Svg.c(TOP + PLOT_HEIGHT / 2.0)
                        + ")\">" + org.secmlops.core.report.Html.escape(yLabel) + "</text>");
        double legendX = LEFT;
        double legendY = TOP + PLOT_HEIGHT + 52;
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder coordinates = new StringBuilder();
            for (Point p : line.points()) {
                coordinates.append(coordinates.length() == 0 ? "" : " ").append(Svg.c(x(p.x(), axis))).append(',')
                        .append(Svg.c(y(p.y())));
            }
            if (line.points().size() > 1) {
                svg.raw("<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\""
                        + coordinates + "\"/>");
            }
            for (Point p : line.points()) {
                svg.raw("<circle cx=\"" + Svg.c(x(p.x(), axis)) + "\" cy=\"" + Svg.c(y(p.y())) + "\" r=\"3\" fill=\""
                        + colour + "\"><title>" + org.secmlops.core.report.Html.escape(line.name() + ": " + xLabel
                        + " " + Svg.value(p.x()) + ", " + yLabel + " " + Svg.value(p.y())) + "</title></circle>");
            }
            int legendWidth = legendWidth(line);
            if (legendX > LEFT && legendX + legendWidth > WIDTH - RIGHT) {
                legendX = LEFT;
                legendY += 16;
            }
            svg.rect(legendX, legendY - 9, 10, 10, colour, null)
                    .text(legendX + 14, legendY, "start", 11, Svg.shorten(line.name(), 30));
            legendX += legendWidth;
        }
        return svg.close();
    }
}
