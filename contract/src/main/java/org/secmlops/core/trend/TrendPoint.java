package org.secmlops.core.trend;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One build's values in a trend chart.
 *
 * @param label  the x-axis label, e.g. {@code #12}
 * @param values the series' values by series name; a missing series has no point in this build
 * @param href   where the build's label and points link to, relative to the page that shows the chart, e.g.
 *               {@code ../12/secmlops/}; empty for no link
 */
public record TrendPoint(String label, Map<String, Double> values, String href) {
    /** No scheme (such as {@code javascript:}) and no host ({@code //host}): a path on the same server. */
    private static final Pattern RELATIVE_PATH = Pattern.compile("(?!//)[^:]*");

    public TrendPoint {
        Objects.requireNonNull(label, "label");
        values = Map.copyOf(values);
        Objects.requireNonNull(href, "href");
        if (!RELATIVE_PATH.matcher(href).matches()) {
            throw new IllegalArgumentException("A trend point links only to a relative path, not " + href);
        }
    }

    /** A point without a link. */
    public TrendPoint(String label, Map<String, Double> values) {
        this(label, values, "");
    }
}
