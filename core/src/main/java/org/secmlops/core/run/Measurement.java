package org.secmlops.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a capability measured: its gate metrics and its detail for the report.
 *
 * @param metrics the gate metrics by name
 * @param details capability-specific detail, serialized into {@code result.json}
 */
public record Measurement(Map<String, Double> metrics, JsonNode details) {
    public Measurement {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
