package io.jenkins.plugins.secmlops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.AbortException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.IssueComparison;
import org.secmlops.core.capability.SinceReference;
import org.secmlops.core.result.GateRunResult;

/**
 * Compares a run's problems with the reference build's again on the controller, from the problems the worker listed
 * and the reference result the controller kept: the {@code NEW_...} metrics and the new, fixed and outstanding lists
 * the worker reported are replaced by the controller's, so that the metrics the gates decide on agree with the lists
 * the report shows.
 */
final class ControllerComparison {
    private ControllerComparison() {
    }

    static GateRunResult recompare(GateRunResult reported, Capability capability, Optional<GateRunResult> reference,
            String referenceName, String stepName, PrintStream log) throws AbortException {
        Optional<SinceReference.Outcome> outcome;
        try {
            outcome = SinceReference.compare(capability, reported.details(), reference, referenceName);
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": the worker's result cannot be compared with the reference build: "
                    + e.getMessage());
        }
        JsonNode details = reported.details();
        if (outcome.isEmpty() || !details.isObject()) {
            return reported;
        }
        Map<String, Double> metrics = new LinkedHashMap<>(reported.metrics());
        outcome.get().metrics().forEach((name, value) -> {
            Double claimed = metrics.put(name, value);
            if (claimed != null && !claimed.equals(value)) {
                log.println("[secmlops] " + stepName + ": the worker reported " + name + " = " + claimed
                        + ", but its findings give " + value + " on the controller; " + value + " counts");
            }
        });
        ((ObjectNode) details).set(IssueComparison.DETAILS_KEY, outcome.get().comparison().toJson());
        return new GateRunResult(reported.schemaVersion(), reported.capability(), reported.toolVersion(),
                reported.subject(), reported.startedAt(), metrics, reported.gates(), reported.cost(), details);
    }
}
