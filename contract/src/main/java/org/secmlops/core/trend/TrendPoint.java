package org.secmlops.core.trend;

import java.util.Map;
import java.util.Objects;

/**
 * One build's values in a trend chart.
 *
 * @param label  the x-axis label, e.g. {@code #12}
 * @param values the series' values by series name; a missing series has no point in this build
 */
public record TrendPoint(String label, Map<String, Double> values) {
    public TrendPoint {
        Objects.requireNonNull(label, "label");
        values = Map.copyOf(values);
    }
}
