package org.secmlops.core.report.chart;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A matrix of counts as a shaded grid in static SVG, e.g. a confusion matrix: each cell is shaded by its share of
 * its row (so a class's errors stand out whatever its support) and shows its count when the cells are large enough.
 *
 * @param title     the chart's accessible name and caption
 * @param rowAxis   what the rows are, e.g. {@code true class}
 * @param colAxis   what the columns are, e.g. {@code predicted class}
 * @param rowLabels one label per row
 * @param colLabels one label per column
 * @param counts    {@code counts.get(row).get(col)}, non-negative
 */
public record Heatmap(String title, String rowAxis, String colAxis, List<String> rowLabels, List<String> colLabels,
        List<List<Long>> counts) {
    static final int LABEL_WIDTH = 110;
    static final int TOP = 60;
    static final int MAX_GRID = 440;

    public Heatmap {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rowAxis, "rowAxis");
        Objects.requireNonNull(colAxis, "colAxis");
        rowLabels = List.copyOf(rowLabels);
        colLabels = List.copyOf(colLabels);
        counts = counts.stream().map(List::copyOf).toList();
        int columns = colLabels.size();
        if (counts.size() != rowLabels.size() || counts.stream().anyMatch(r -> r.size() != columns)) {
            throw new IllegalArgumentException("the counts are not a " + rowLabels.size() + " × " + columns
                    + " matrix");
        }
    }

    /** The side of one cell in pixels: 36 for small matrices, smaller so that the grid fits 440 pixels. */
    int cell() {
        int cells = Math.max(1, Math.max(rowLabels.size(), colLabels.size()));
        return Math.max(4, Math.min(36, MAX_GRID / cells));
    }

    /** The fill of a cell holding {@code share} of its row: white for 0 to dark blue for 1. */
    static String shade(double share) {
        double s = Double.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
        int r = (int) Math.round(255 + (8 - 255) * s);
        int g = (int) Math.round(255 + (69 - 255) * s);
        int b = (int) Math.round(255 + (148 - 255) * s);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /** The chart as an {@code svg} element. */
    public String render() {
        int cell = cell();
        int width = LABEL_WIDTH + cell * colLabels.size() + 20;
        int height = TOP + cell * rowLabels.size() + 30;
        Svg svg = new Svg("secmlops-heatmap", title, Math.max(width, 300), height);
        svg.text(4, 15, "start", 13, title)
                .text(LABEL_WIDTH + cell * colLabels.size() / 2.0, 32, "middle", 11, colAxis + " →")
                .text(4, TOP - 6, "start", 11, rowAxis + " ↓");
        boolean numbers = cell >= 24;
        int labelEvery = Math.max(1, 12 / cell);
        for (int c = 0; c < colLabels.size(); c += labelEvery) {
            svg.text(LABEL_WIDTH + cell * (c + 0.5), TOP - 6, "middle", 10, Svg.shorten(colLabels.get(c),
                    Math.max(2, cell / 6)));
        }
        for (int r = 0; r < rowLabels.size(); r++) {
            long total = counts.get(r).stream().mapToLong(Long::longValue).sum();
            double y = TOP + cell * r;
            if (r % labelEvery == 0) {
                svg.text(LABEL_WIDTH - 6, y + cell / 2.0 + 4, "end", 10, Svg.shorten(rowLabels.get(r), 16));
            }
            for (int c = 0; c < colLabels.size(); c++) {
                long count = counts.get(r).get(c);
                double share = total == 0 ? 0 : (double) count / total;
                double x = LABEL_WIDTH + cell * c;
                svg.rect(x, y, cell, cell, shade(share), rowAxis + " " + rowLabels.get(r) + ", " + colAxis + " "
                        + colLabels.get(c) + ": " + count + " (" + Svg.value(Math.round(share * 1000) / 10.0)
                        + " % of the row)");
                if (numbers) {
                    svg.text(x + cell / 2.0, y + cell / 2.0 + 4, "middle", 10, share > 0.5 ? "#ffffff" : "#222222",
                            String.valueOf(count));
                }
            }
        }
        svg.raw("<rect x=\"" + LABEL_WIDTH + "\" y=\"" + TOP + "\" width=\"" + cell * colLabels.size()
                + "\" height=\"" + cell * rowLabels.size() + "\" fill=\"none\" stroke=\"#888\"/>");
        return svg.close();
    }
}
