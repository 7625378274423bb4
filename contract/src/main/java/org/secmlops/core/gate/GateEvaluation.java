package org.secmlops.core.gate;

import java.util.List;
import java.util.Objects;

/**
 * The outcomes of all gates of a run and the overall status, which is the worst of them.
 *
 * @param results one result per gate, in the order the gates were given
 * @param status  the worst outcome; {@link GateStatus#PASSED} when there are no gates
 */
public record GateEvaluation(List<GateResult> results, GateStatus status) {
    public GateEvaluation {
        results = List.copyOf(results);
        Objects.requireNonNull(status, "status");
    }

    /** Creates the evaluation whose status is the worst of the given results. */
    public static GateEvaluation of(List<GateResult> results) {
        return new GateEvaluation(results, GateStatus.worst(results.stream().map(GateResult::status).toList()));
    }
}
