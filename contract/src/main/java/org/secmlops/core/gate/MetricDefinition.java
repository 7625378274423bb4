package org.secmlops.core.gate;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric that a capability reports and that quality gates can be set on.
 *
 * @param name        the upper-case identifier used in results and gate configurations, e.g. {@code ACCURACY}
 * @param description one line that says what the value measures
 * @param direction   whether larger or smaller values are better
 */
public record MetricDefinition(String name, String description, MetricDirection direction) {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    public MetricDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(direction, "direction");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Metric name must be UPPER_SNAKE_CASE: " + name);
        }
    }
}
