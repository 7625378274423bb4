package org.secmlops.core.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * A reliability diagram as static SVG: for each confidence bin, a bar as high as the accuracy of its samples and a
 * dot at their mean confidence, against the diagonal of perfect calibration. Both axes run from 0 to 1. Empty bins
 * and bins whose accuracy or confidence is not finite are left out.
 *
 * @param title the chart's accessible name and caption
 * @param bins  the confidence bins
 */
public record ReliabilityDiagram(String title, List<Bin> bins) {
    static final int SIZE = 260;
    static final int LEFT = 50;
    static final int TOP = 28;
    static final int PLOT = 200;

    public ReliabilityDiagram {
        Objects.requireNonNull(title, "title");
        bins = List.copyOf(bins);
    }

    /**
     * One confidence bin.
     *
     * @param lower      its lower edge (0..1)
     * @param upper      its upper edge (0..1)
     * @param count      samples in it
     * @param confidence their mean confidence
     * @param accuracy   the share of them predicted correctly
     */
    public record Bin(double lower, double upper, long count, double confidence, double accuracy) {
    }

    static double x(double share) {
        return LEFT + PLOT * Math.min(1, Math.max(0, share));
    }

    static double y(double share) {
        return TOP + PLOT * (1 - Math.min(1, Math.max(0, share)));
    }

    /** The chart as an {@code svg} element. */
    public String render() {
        Svg svg = new Svg("secmlops-reliability", title, SIZE + 60, SIZE + 30);
        svg.text(4, 15, "start", 13, title);
        for (int tick = 0; tick <= 5; tick++) {
            double v = tick / 5.0;
            svg.line(LEFT, y(v), LEFT + PLOT, y(v), "#eee", "").text(LEFT - 4, y(v) + 4, "end", 10, Svg.value(v))
                    .text(x(v), TOP + PLOT + 14, "middle", 10, Svg.value(v));
        }
        for (Bin bin : bins) {
            if (bin.count() <= 0 || !Double.isFinite(bin.accuracy()) || !Double.isFinite(bin.confidence())
                    || !Double.isFinite(bin.lower()) || !Double.isFinite(bin.upper())) {
                continue;
            }
            String tooltip = "confidence " + Svg.value(bin.lower()) + "–" + Svg.value(bin.upper()) + ": " + bin.count()
                    + " samples, mean confidence " + Svg.value(bin.confidence()) + ", accuracy "
                    + Svg.value(bin.accuracy());
            svg.rect(x(bin.lower()) + 0.5, y(bin.accuracy()), x(bin.upper()) - x(bin.lower()) - 1,
                    y(0) - y(bin.accuracy()), "#1f77b4", tooltip);
            svg.raw("<circle cx=\"" + Svg.c(x(bin.confidence())) + "\" cy=\"" + Svg.c(y(bin.accuracy()))
                    + "\" r=\"3\" fill=\"#ff7f0e\"/>");
        }
        svg.line(x(0), y(0), x(1), y(1), "#d62728", " stroke-dasharray=\"4 3\"")
                .line(LEFT, TOP, LEFT, TOP + PLOT, "#888", "").line(LEFT, TOP + PLOT, LEFT + PLOT, TOP + PLOT, "#888", "")
                .text(LEFT + PLOT / 2.0, TOP + PLOT + 28, "middle", 11, "confidence (dashed: perfect calibration)")
                .raw("<text x=\"12\" y=\"" + Svg.c(TOP + PLOT / 2.0) + "\" font-size=\"11\" text-anchor=\"middle\""
                        + " transform=\"rotate(-90 12 " + Svg.c(TOP + PLOT / 2.0) + ")\">accuracy</text>");
        return svg.close();
    }
}
