package org.secmlops.core.gate;

import java.util.Map;
import java.util.Objects;

/**
 * The metrics of the reference build that delta gates compare against.
 *
 * @param reference a human-readable name of the reference, e.g. {@code my-job #41}
 * @param metrics   its metric values by name
 */
public record ReferenceMetrics(String reference, Map<String, Double> metrics) {
    public ReferenceMetrics {
        Objects.requireNonNull(reference, "reference");
        metrics = Map.copyOf(metrics);
    }
}
