package org.secmlops.core.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Evaluates quality gates on the metrics of a run, optionally against a reference build. */
public final class QualityGateEvaluator {
    private final MetricCatalog catalog;

    /** @param catalog the metrics of the capability whose gates are evaluated */
    public QualityGateEvaluator(MetricCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Checks that every gate names a metric of this capability.
     *
     * @throws IllegalArgumentException naming the unknown metric and the known ones
     */
    public void validate(List<QualityGate> gates) {
        gates.forEach(gate -> catalog.require(gate.metric()));
    }

    /**
     * Evaluates the gates.
     *
     * @param gates     the gates, each on a metric of this capability
     * @param metrics   the run's metric values by name
     * @param reference the reference build's metrics, if there is a reference build
     * @return one result per gate and the worst status
     * @throws IllegalArgumentException if a gate names a metric the capability does not declare
     */
    public GateEvaluation evaluate(List<QualityGate> gates, Map<String, Double> metrics,
            Optional<ReferenceMetrics> reference) {
        validate(gates);
        List<GateResult> results = new ArrayList<>();
        for (QualityGate gate : gates) {
            results.add(evaluate(gate, metrics, reference));
        }
        return GateEvaluation.of(results);
    }

    private GateResult evaluate(QualityGate gate, Map<String, Double> metrics, Optional<ReferenceMetrics> reference) {
        MetricDefinition metric = catalog.require(gate.metric());
        Double value = metrics.get(gate.metric());
        GateStatus failure = GateStatus.failedWith(gate.criticality());
        if (value == null || !Double.isFinite(value)) {
            return new GateResult(gate, null, null, failure,
                    gate.metric() + " was not measured in this run, so the gate cannot hold");
        }
        if (gate.baseline() == Baseline.ABSOLUTE) {
            return absolute(gate, metric, value, failure);
        }
        Double referenceValue = reference.map(r -> r.metrics().get(gate.metric())).orElse(null);
        if (referenceValue == null || !Double.isFinite(referenceValue)) {
            return new GateResult(gate, value, null, GateStatus.INACTIVE,
                    "No reference build with " + gate.metric() + " to compare with");
        }
        return delta(gate, metric, value, referenceValue, reference.get().reference(), failure);
    }

    private static GateResult absolute(QualityGate gate, MetricDefinition metric, double value, GateStatus failure) {
        boolean holds = metric.direction() == MetricDirection.HIGHER_IS_BETTER
                ? value >= gate.threshold() - tolerance(gate.threshold())
                : value <= gate.threshold() + tolerance(gate.threshold());
        String relation = metric.direction() == MetricDirection.HIGHER_IS_BETTER ? ">=" : "<=";
        String reason = String.format(Locale.ROOT, "%s = %s, required %s %s", gate.metric(), format(value),
                relation, format(gate.threshold()));
        return new GateResult(gate, value, null, holds ? GateStatus.PASSED : failure, reason);
    }

    private static GateResult delta(QualityGate gate, MetricDefinition metric, double value, double referenceValue,
            String reference, GateStatus failure) {
        double worsening = metric.direction() == MetricDirection.HIGHER_IS_BETTER
                ? referenceValue - value
                : value - referenceValue;
        boolean holds = worsening <= gate.threshold() + tolerance(gate.threshold());
        String reason = String.format(Locale.ROOT, "%s = %s, %s in %s; worsened by %s, allowed %s", gate.metric(),
                format(value), format(referenceValue), reference, format(Math.max(0, worsening)),
                format(gate.threshold()));
        return new GateResult(gate, value, referenceValue, holds ? GateStatus.PASSED : failure, reason);
    }

    /** Absorbs floating-point rounding, so that 0.80 - 0.75 is not a worsening of more than 0.05. */
    private static double tolerance(double threshold) {
        return 1e-9 * Math.max(1, Math.abs(threshold));
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
