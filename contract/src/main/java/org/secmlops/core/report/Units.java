package org.secmlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;

/** Numbers with their units for reports; a value that is not a number reads "n/a", never {@code NaN}. */
public final class Units {
    /** What a missing or undefined number reads as. */
    public static final String NOT_AVAILABLE = "n/a";

    private Units() {
    }

    /**
     * The value with up to four decimals (trailing zeros dropped) and the unit after a space; "n/a" when not finite.
     */
    public static String of(double value, String unit) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        String number = value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%d", (long) value)
                : new BigDecimal(String.format(Locale.ROOT, "%.4f", value)).stripTrailingZeros().toPlainString();
        return unit == null || unit.isEmpty() ? number : number + " " + unit;
    }

    /**
     * A number read from result details, with its unit: "n/a" for {@code NaN} and the infinities (which JSON holds
     * as the strings {@code "NaN"}, {@code "Infinity"}), a dash for a missing value or {@code null}.
     */
    public static String of(JsonNode value, String unit) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "\u2013";
        }
        if (value.isNumber()) {
            return of(value.asDouble(), unit);
        }
        return switch (value.asText()) {
            case "NaN", "Infinity", "-Infinity" -> NOT_AVAILABLE;
            default -> "\u2013";
        };
    }

    /** Seconds with three decimals, e.g. {@code 1.234 s}. */
    public static String seconds(double seconds) {
        return Double.isFinite(seconds) ? String.format(Locale.ROOT, "%.3f s", seconds) : NOT_AVAILABLE;
    }

    /** Milliseconds with two decimals, e.g. {@code 3.25 ms}. */
    public static String milliseconds(double millis) {
        return Double.isFinite(millis) ? String.format(Locale.ROOT, "%.2f ms", millis) : NOT_AVAILABLE;
    }

    /** A rate per second with one decimal, e.g. {@code 1520.3 samples/s}. */
    public static String perSecond(double rate, String what) {
        return Double.isFinite(rate) ? String.format(Locale.ROOT, "%.1f %s/s", rate, what) : NOT_AVAILABLE;
    }

    /** A count and its noun, in the plural unless it is one: {@code 1 finding}, {@code 2 findings}. */
    public static String count(long count, String noun) {
        return count(count, noun, noun + "s");
    }

    /** A count and its noun, with an irregular plural: {@code 1 class}, {@code 2 classes}. */
    public static String count(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** Bytes in mebibytes with one decimal, e.g. {@code 12.5 MiB}; "not reported" when negative. */
    public static String mebibytes(long bytes) {
        return bytes < 0 ? "not reported" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
