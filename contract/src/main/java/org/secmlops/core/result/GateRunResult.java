package org.secmlops.core.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateStatus;

/**
 * The result of one gate run (one capability on one subject): the contract between the worker on the
 * agent and the plugin, serialized by {@link ResultJson} as {@code result.json}.
 *
 * @param schemaVersion the version of this format, {@link ResultJson#SCHEMA_VERSION} when written
 * @param capability    the capability that ran, e.g. {@code scan}
 * @param toolVersion   the SecMLOps version that wrote the result
 * @param subject       what was evaluated, e.g. the scanned path as the user gave it
 * @param startedAt     when the run started
 * @param metrics       every gate metric by name, in the capability's order
 * @param gates         the gates' outcomes and the overall status
 * @param cost          the security cost of the run
 * @param details       capability-specific detail (e.g. the scan's findings); an empty object if none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GateRunResult(int schemaVersion, String capability, String toolVersion, String subject,
        Instant startedAt, Map<String, Double> metrics, GateEvaluation gates, SecurityCost cost, JsonNode details) {

    public GateRunResult {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(cost, "cost");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
        details = details == null ? JsonNodeFactory.instance.objectNode() : details.deepCopy();
    }

    /** The overall outcome: the worst outcome of the gates. */
    public GateStatus status() {
        return gates.status();
    }

    /** A defensive copy: the JSON tree itself is mutable. */
    @Override
    public JsonNode details() {
        return details.deepCopy();
    }
}
