package org.secmlops.core.capability.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A backdoor group's mean-difference heat map as a static SVG (no script, no style: safe under a strict
 * Content-Security-Policy): one square per pixel, red where the group is brighter than the rest of its class, blue
 * where darker, white where equal, scaled to the largest absolute difference.
 */
final class MeanDifferenceSvg {
    private static final int SIDE = 168;

    private MeanDifferenceSvg() {
    }

    /** The SVG of a {@link BackdoorGroup.MeanDifference} as JSON, or an empty string when it is malformed. */
    static String render(JsonNode heatMap, String title) {
        int rows = heatMap.path("rows").asInt(0);
        int columns = heatMap.path("columns").asInt(0);
        JsonNode values = heatMap.path("values");
        if (rows <= 0 || columns <= 0 || rows > 256 || columns > 256 || values.size() != rows * columns) {
            return "";
        }
        double max = 0;
        for (JsonNode v : values) {
            max = Math.max(max, Math.abs(v.asDouble()));
        }
        double cell = (double) SIDE / Math.max(rows, columns);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " class=\"secmlops-trigger-map\" role=\"img\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f"
                + " %.0f\" shape-rendering=\"crispEdges\"><title>", cell * columns, cell * rows, cell * columns,
                cell * rows)).append(org.secmlops.core.report.Html.escape(title)).append("</title>");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double v = values.get(r * columns + c).asDouble();
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\""
                        + " fill=\"%s\"/>", c * cell, r * cell, cell, cell, fill(max == 0 ? 0 : v / max)));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** White at 0, red at +1, blue at −1. */
    static String fill(double share) {
        double s = Double.isFinite(share) ? Math.max(-1, Math.min(1, share)) : 0;
        int fade = (int) Math.round(255 * (1 - Math.abs(s)));
        return s >= 0 ? String.format(Locale.ROOT, "#ff%02x%02x", fade, fade)
                : String.format(Locale.ROOT, "#%02x%02xff", fade, fade);
    }
}
