package io.jenkins.plugins.secmlops;

import hudson.AbortException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.gate.QualityGateEvaluator;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;

/**
 * Decides a run's gates on the controller from the metrics the worker measured: the agent's statuses and
 * reasons are not trusted. The gates are the step's; where the step set none, the gates the worker applied
 * (its capability's defaults for that run), each evaluated again here.
 */
final class ControllerGates {
    private ControllerGates() {
    }

    static GateRunResult reevaluate(GateRunResult reported, Capability capability, GateSpec spec, String stepName,
            PrintStream log) throws AbortException {
        List<QualityGate> gates = spec.gates().isEmpty()
                ? reported.gates().results().stream().map(GateResult::gate).toList()
                : spec.gates();
        if (gates.isEmpty()) {
            gates = capability.defaultGates();
        }
        GateEvaluation evaluation;
        try {
            evaluation = new QualityGateEvaluator(capability.catalog()).evaluate(gates, reported.metrics(),
                    Optional.ofNullable(spec.reference()));
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": the worker's result cannot be checked: " + e.getMessage());
        }
        if (evaluation.status() != reported.status()) {
            log.println("[secmlops] " + stepName + ": the worker reported " + reported.status()
                    + ", but its metrics give " + evaluation.status() + " on the controller; "
                    + evaluation.status() + " counts");
        }
        return new GateRunResult(reported.schemaVersion(), reported.capability(), reported.toolVersion(),
                reported.subject(), reported.startedAt(), reported.metrics(), evaluation, reported.cost(),
                reported.details());
    }
}
