package org.secmlops.core.report.chart;

import java.util.List;
import java.util.Objects;
import org.secmlops.core.report.Html;

/**
 * A row of small pictures in static SVG (one {@code image} element per picture, pixelated, with its caption below
 * and as tooltip). Pictures that are not PNG data URIs are left out, so nothing but an inline picture is loaded.
 *
 * @param title    the strip's accessible name
 * @param pictures the pictures, in order
 */
public record ThumbnailStrip(String title, List<Picture> pictures) {
    static final int SIDE = 56;
    static final int GAP = 12;
    static final int CAPTION = 16;

    /**
     * One picture.
     *
     * @param caption what it shows, e.g. {@code line 12}
     * @param dataUri the picture, a {@code data:image/png;base64,...} URI (see {@link Thumbnails})
     */
    public record Picture(String caption, String dataUri) {
        public Picture {
            Objects.requireNonNull(caption, "caption");
        }
    }

    public ThumbnailStrip {
        Objects.requireNonNull(title, "title");
        pictures = pictures.stream().filter(p -> Thumbnails.isDataUri(p.dataUri())).toList();
    }

    /** The strip as an {@code svg} element, or the empty string when there is no picture. */
    public String render() {
        if (pictures.isEmpty()) {
            return "";
        }
        Svg svg = new Svg("secmlops-thumbnails", title, GAP + pictures.size() * (SIDE + GAP), SIDE + CAPTION + 8);
        for (int i = 0; i < pictures.size(); i++) {
            Picture p = pictures.get(i);
            double x = GAP + i * (SIDE + GAP);
            svg.raw("<image x=\"" + Svg.c(x) + "\" y=\"4.0\" width=\"" + SIDE + "\" height=\"" + SIDE
                    + "\" style=\"image-rendering:pixelated\" preserveAspectRatio=\"xMidYMid meet\" href=\""
                    + Html.escape(p.dataUri()) + "\"><title>" + Html.escape(p.caption()) + "</title></image>");
            svg.text(x + SIDE / 2.0, SIDE + CAPTION + 2, "middle", 10, Svg.shorten(p.caption(), 12));
        }
        return svg.close();
    }
}
