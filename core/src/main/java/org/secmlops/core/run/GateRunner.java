package org.secmlops.core.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
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
        List<QualityGate> gates = spec.gates().isEmpty() ? capability.defaultGates() : spec.gates();
        QualityGateEvaluator evaluator = new QualityGateEvaluator(capability.catalog());
        evaluator.validate(gates);
        Instant startedAt = Instant.now();
        CostMeter meter = CostMeter.start();
        Measurement measurement = work.perform();
        SecurityCost cost = meter.stop();
        GateEvaluation evaluation = evaluator.evaluate(gates, measurement.metrics(),
                Optional.ofNullable(spec.reference()));
        return new GateRunResult(ResultJson.SCHEMA_VERSION, capability.id(), toolVersion, subject, startedAt,
                measurement.metrics(), evaluation, cost, measurement.details());
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
     * Evaluates the gates on a measurement made elsewhere, e.g. merged from shards, at the cost given.
     *
     * @throws IllegalArgumentException if a gate names a metric the capability does not report
     */
    public GateRunResult evaluate(String subject, GateSpec spec, Measurement measurement, SecurityCost cost,
            Instant startedAt) {
        List<QualityGate> gates = spec.gates().isEmpty() ? capability.defaultGates() : spec.gates();
        QualityGateEvaluator evaluator = new QualityGateEvaluator(capability.catalog());
        evaluator.validate(gates);
        GateEvaluation evaluation = evaluator.evaluate(gates, measurement.metrics(),
                Optional.ofNullable(spec.reference()));
        return new GateRunResult(ResultJson.SCHEMA_VERSION, capability.id(), toolVersion, subject, startedAt,
                measurement.metrics(), evaluation, cost, measurement.details());
    }
}
