package org.secmlops.core.gate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics one capability declares, in a fixed order. Each capability declares its metrics once, here;
 * gates, reports and trend charts read names and directions from the catalog.
 */
public final class MetricCatalog {
    private final String capability;
    private final Map<String, MetricDefinition> metrics;

    /**
     * @param capability the capability's id, e.g. {@code scan}
     * @param metrics    its metrics; names must be unique
     */
    public MetricCatalog(String capability, List<MetricDefinition> metrics) {
        this.capability = capability;
        Map<String, MetricDefinition> byName = new LinkedHashMap<>();
        for (MetricDefinition metric : metrics) {
            if (byName.put(metric.name(), metric) != null) {
                throw new IllegalArgumentException("Metric declared twice in " + capability + ": " + metric.name());
            }
        }
        this.metrics = Collections.unmodifiableMap(byName);
    }

    public String capability() {
        return capability;
    }

    public List<MetricDefinition> metrics() {
        return List.copyOf(metrics.values());
    }

    public Optional<MetricDefinition> find(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /**
     * Returns the named metric or throws an exception listing the metrics this capability knows.
     *
     * @throws IllegalArgumentException if the capability declares no such metric
     */
    public MetricDefinition require(String name) {
        MetricDefinition metric = metrics.get(name);
        if (metric == null) {
            throw new IllegalArgumentException("Unknown metric '" + name + "' for " + capability
                    + "; known metrics: " + String.join(", ", metrics.keySet()));
        }
        return metric;
    }
}
