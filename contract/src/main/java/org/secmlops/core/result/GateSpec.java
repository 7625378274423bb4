package org.secmlops.core.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.gate.ReferenceMetrics;

/**
 * The gates a run must evaluate and the reference build's metrics: what the plugin hands to the worker
 * as {@code gates.json}.
 *
 * @param schemaVersion {@link ResultJson#SCHEMA_VERSION}
 * @param gates         the gates; empty means the capability's default gates
 * @param reference     the reference build's metrics, or {@code null} when there is none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GateSpec(int schemaVersion, List<QualityGate> gates, ReferenceMetrics reference) {
    public GateSpec {
        gates = gates == null ? List.of() : List.copyOf(gates);
    }
}
