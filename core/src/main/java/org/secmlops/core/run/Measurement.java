package org.secmlops.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** This measurement with one more detail (replacing one of the same key); the details must be an object. */
    public Measurement withDetail(String key, JsonNode value) {
        ObjectNode copy = details == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) details).deepCopy();
        copy.set(key, value);
        return new Measurement(metrics, copy);
    }
}
