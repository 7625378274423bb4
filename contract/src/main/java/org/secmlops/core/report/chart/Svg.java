package org.secmlops.core.report.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.secmlops.core.report.Html;

/**
 * Writes the pieces every chart shares: the {@code svg} element with its accessible name, coordinates and tick
 * labels. No coordinate or label is ever {@code NaN} or infinite: callers skip values that are not finite.
 */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    /** Opens an {@code svg} element named {@code label} (its {@code aria-label} and first {@code title}). */
    Svg(String cssClass, String label, int width, int height) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"secmlops-chart ").append(cssClass)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(label)).append("\"><title>").append(Html.escape(label)).append("</title>");
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, String extra) {
        out.append("<line x1=\"").append(c(x1)).append("\" y1=\"").append(c(y1)).append("\" x2=\"").append(c(x2))
                .append("\" y2=\"").append(c(y2)).append("\" stroke=\"").append(stroke).append('"').append(extra)
                .append("/>");
        return this;
    }

    /** A rectangle with a tooltip. */
    Svg rect(double x, double y, double width, double height, String fill, String tooltip) {
        out.append("<rect x=\"").append(c(x)).append("\" y=\"").append(c(y)).append("\" width=\"")
                .append(c(Math.max(0, width))).append("\" height=\"").append(c(Math.max(0, height)))
                .append("\" fill=\"").append(fill).append('"');
        if (tooltip == null) {
            out.append("/>");
        } else {
            out.append("><title>").append(Html.escape(tooltip)).append("</title></rect>");
        }
        return this;
    }

    /** Text; {@code anchor} is {@code start}, {@code middle} or {@code end}. */
    Svg text(double x, double y, String anchor, int size, String text) {
        out.append("<text x=\"").append(c(x)).append("\" y=\"").append(c(y)).append("\" font-size=\"").append(size)
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(text)).append("</text>");
        return this;
    }

    /** Text in a given colour. */
    Svg text(double x, double y, String anchor, int size, String fill, String text) {
        out.append("<text x=\"").append(c(x)).append("\" y=\"").append(c(y)).append("\" font-size=\"").append(size)
                .append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(fill).append("\">")
                .append(Html.escape(text)).append("</text>");
        return this;
    }

    /** Raw SVG markup made by this package (never text from a result). */
    Svg raw(String markup) {
        out.append(markup);
        return this;
    }

    String close() {
        return out.append("</svg>").toString();
    }

    /** A coordinate. */
    static String c(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("coordinate is not finite: " + value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A value for a label or tooltip: up to 4 significant digits, no exponent for everyday sizes. */
    static String value(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A "nice" tick step (1, 2 or 5 times a power of ten) giving about {@code ticks} ticks up to {@code max}. */
    static double step(double max, int ticks) {
        double raw = max / ticks;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /** The axis end: the smallest multiple of the tick step at or above {@code max} (1 when max is not positive). */
    static double axisMax(double max, int ticks) {
        if (!(max > 0) || !Double.isFinite(max)) {
            return 1;
        }
        double step = step(max, ticks);
        return Math.ceil(max / step - 1e-9) * step;
    }

    /** A label cut to {@code max} characters with an ellipsis. */
    static String shorten(String label, int max) {
        return label.length() <= max ? label : label.substring(0, max - 1) + "…";
    }
}
