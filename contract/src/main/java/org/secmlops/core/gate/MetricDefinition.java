package org.secmlops.core.gate;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric that a capability reports and that quality gates can be set on.
 *
 * @param name        the upper-case identifier used in results and gate configurations, e.g. {@code ACCURACY}
 * @param description one line that says what the value measures
 * @param direction   whether larger or smaller values are better
 * @param count       whether the value counts things (findings, samples, clients), so it is always a whole number;
 *                    charts then label their value axis in whole numbers only
 */
public record MetricDefinition(String name, String description, MetricDirection direction, boolean count) {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    public MetricDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(direction, "direction");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Metric name must be UPPER_SNAKE_CASE: " + name);
        }
    }

    /** A metric that is not a count: a fraction, a duration, a rate, a score. */
    public MetricDefinition(String name, String description, MetricDirection direction) {
        this(name, description, direction, false);
    }

    /** A metric that counts things, e.g. {@code CRITICAL_FINDINGS}. */
    public static MetricDefinition count(String name, String description, MetricDirection direction) {
        return new MetricDefinition(name, description, direction, true);
    }
}
