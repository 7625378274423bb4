package org.secmlops.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.IssueComparison;
import org.secmlops.core.capability.SinceReference;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.gate.QualityGateEvaluator;
import org.secmlops.core.result.CostMeter;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.result.SecurityCost;

/**
 * Runs one capability's work, measures its cost and evaluates its gates.
 *
 * <pre>{@code
 * GateRunResult result = new GateRunner(ScanCapability.INSTANCE, "1.0")
 *         .run("model/", spec, () -> ScanMeasurement.of(scanner.scan(path, log::println)));
 * }</pre>
 */
public final class GateRunner {
    private final Capability capability;
    private final String toolVersion;

    public GateRunner(Capability capability, String toolVersion) {
        this.capability = capability;
        this.toolVersion = toolVersion;
    }

    /** The work of a capability: measures and returns the metrics. */
    @FunctionalInterface
    public interface Work<E extends Exception> {
        Measurement perform() throws E;
    }

    /**
     * Validates the gates, runs the work and evaluates the gates on its metrics.
     *
     * @param subject what is evaluated, as the user named it
     * @param spec    the gates (the capability's defaults when empty) and the reference build's metrics
     * @throws IllegalArgumentException if a gate names a metric the capability does not report; thrown
     *                                  before any work is done
     * @throws E                        if the work fails
     */
    public <E extends Exception> GateRunResult run(String subject, GateSpec spec, Work<E> work) throws E {
        return run(subject, spec, Optional.empty(), work);
    }

    /**
     * Validates the gates, runs the work, compares its problems with the reference build's result where the
     * capability follows them across builds ({@link SinceReference}: the {@code NEW_...} metrics and the new, fixed
     * and outstanding lists in the details), and evaluates the gates on its metrics.
     *
     * @param subject   what is evaluated, as the user named it
     * @param spec      the gates (the capability's defaults when empty) and the reference build's metrics
     * @param reference the reference build's result; empty without one (then nothing counts as new)
     * @throws IllegalArgumentException if a gate names a metric the capability does not report (thrown before any
     *                                  work is done), or the reference result is another capability's
     * @throws E                        if the work fails
     */
    public <E extends Exception> GateRunResult run(String subject, GateSpec spec, Optional<GateRunResult> reference,
            Work<E> work) throws E {
        List<QualityGate> gates = spec.gates().isEmpty() ? capability.defaultGates() : spec.gates();
        QualityGateEvaluator evaluator = new QualityGateEvaluator(capability.catalog());
        evaluator.validate(gates);
        Instant startedAt = Instant.now();
        CostMeter meter = CostMeter.start();
        Measurement measurement = work.perform();
        SecurityCost cost = meter.stop();
        measurement = sinceReference(measurement, spec, reference);
        GateEvaluation evaluation = evaluator.evaluate(gates, measurement.metrics(),
                Optional.ofNullable(spec.reference()));
        return new GateRunResult(ResultJson.SCHEMA_VERSION, capability.id(), toolVersion, subject, startedAt,
                measurement.metrics(), evaluation, cost, measurement.details());
    }

    private Measurement sinceReference(Measurement measurement, GateSpec spec, Optional<GateRunResult> reference) {
        String referenceName = spec.reference() != null ? spec.reference().reference() : "the reference result";
        JsonNode details = measurement.details() == null ? JsonNodeFactory.instance.objectNode() : measurement.details();
        Optional<SinceReference.Outcome> since = SinceReference.compare(capability, details, reference, referenceName);
        if (since.isEmpty()) {
            return measurement;
        }
        Map<String, Double> metrics = new LinkedHashMap<>(measurement.metrics());
        metrics.putAll(since.get().metrics());
        return new Measurement(metrics, details).withDetail(IssueComparison.DETAILS_KEY,
                since.get().comparison().toJson());
    }

    /**
     * Runs the work and measures its cost without evaluating any gate (not even the defaults): for one shard of an
     * evaluation, whose gates are evaluated once on the merged result ({@link #evaluate}). Its status is {@link
     * GateStatus#PASSED}.
     */
    public <E extends Exception> GateRunResult runWithoutGates(String subject, Work<E> work) throws E {
        Instant startedAt = Instant.now();
        CostMeter meter = CostMeter.start();
        Measurement measurement = work.perform();
        SecurityCost cost = meter.stop();
        return new GateRunResult(ResultJson.SCHEMA_VERSION, capability.id(), toolVersion, subject, startedAt,
                measurement.metrics(), new GateEvaluation(List.of(), GateStatus.PASSED), cost, measurement.details());
    }

    /**
     * Evaluates the gates on a measurement made elsewhere, e.g. merged from shards, at the cost given, after
     * comparing its problems with the reference build's result as {@link #run(String, GateSpec, Optional, Work)} does.
     *
     * @param reference the reference build's result; empty without one (then nothing counts as new)
     * @throws IllegalArgumentException if a gate names a metric the capability does not report, or the reference
     *                                  result is another capability's
     */
    public GateRunResult evaluate(String subject, GateSpec spec, Measurement measurement, SecurityCost cost,
            Instant startedAt, Optional<GateRunResult> reference) {
        List<QualityGate> gates = spec.gates().isEmpty() ? capability.defaultGates() : spec.gates();
        QualityGateEvaluator evaluator = new QualityGateEvaluator(capability.catalog());
        evaluator.validate(gates);
        measurement = sinceReference(measurement, spec, reference);
        GateEvaluation evaluation = evaluator.evaluate(gates, measurement.metrics(),
                Optional.ofNullable(spec.reference()));
        return new GateRunResult(ResultJson.SCHEMA_VERSION, capability.id(), toolVersion, subject, startedAt,
                measurement.metrics(), evaluation, cost, measurement.details());
    }
}
