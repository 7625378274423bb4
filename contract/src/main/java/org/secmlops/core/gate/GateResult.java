package org.secmlops.core.gate;

import java.util.Objects;

/**
 * The outcome of one gate.
 *
 * @param gate           the gate
 * @param value          the metric's value in this run; {@code null} when the run did not report it
 * @param referenceValue the metric's value in the reference build; {@code null} when there is none
 * @param status         the outcome
 * @param reason         one sentence saying why, for the report and the build log
 */
public record GateResult(QualityGate gate, Double value, Double referenceValue, GateStatus status, String reason) {
    public GateResult {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }
}
