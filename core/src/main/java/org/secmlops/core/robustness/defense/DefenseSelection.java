package org.secmlops.core.robustness.defense;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.secmlops.core.capability.robustness.DefenseReport;
import org.secmlops.core.capability.robustness.DefenseRow;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.gate.QualityGateEvaluator;

/**
 * Chooses the configuration whose numbers become the run's {@code DEFENSE_*} metrics: the one with the highest
 * adaptive robust accuracy among those that pass every absolute gate on a {@code DEFENSE_*} metric (so a gate such as
 * "robust accuracy ≥ 0.5 and latency overhead ≤ 1.3" holds if some configuration meets both); when none passes, or
 * no such gate is set, the one with the highest robust accuracy. Ties go to the lower latency overhead, then to the
 * earlier configuration.
 */
public final class DefenseSelection {
    private DefenseSelection() {
    }

    /** Selects among the evaluated rows (the undefended model first) and returns the report. */
    public static DefenseReport select(List<DefenseRow> rows, List<QualityGate> gates, long samples,
            Double gateEpsilon, int eotSamples, List<String> notes) {
        List<QualityGate> defenseGates = gates.stream().filter(g -> DefenseMetrics.isDefenseMetric(g.metric())
                && g.baseline() == Baseline.ABSOLUTE).toList();
        DefenseRow baseline = rows.get(0);
        Comparator<DefenseRow> best = Comparator.comparingDouble(DefenseSelection::robust).reversed()
                .thenComparingDouble(DefenseRow::latencyOverhead);
        QualityGateEvaluator evaluator = new QualityGateEvaluator(RobustnessCapability.INSTANCE.catalog());
        Optional<DefenseRow> passing = defenseGates.isEmpty() ? Optional.empty() : rows.stream()
                .filter(row -> evaluator.evaluate(defenseGates, DefenseMetrics.of(row, baseline), Optional.empty())
                        .status() == GateStatus.PASSED)
                .min(best);
        DefenseRow selected = passing.orElseGet(() -> rows.stream().min(best).orElseThrow());
        String reason = passing.isPresent()
                ? "the most robust configuration that meets every gate on the DEFENSE_ metrics"
                : defenseGates.isEmpty() ? "the most robust configuration (no gate on the DEFENSE_ metrics is set)"
                : "no configuration meets every gate on the DEFENSE_ metrics; the most robust one is reported";
        return new DefenseReport(samples, gateEpsilon, eotSamples, rows, selected.defense(), reason, notes);
    }

    private static double robust(DefenseRow row) {
        return row.robustAccuracy() == null ? row.cleanAccuracy() : row.robustAccuracy();
    }
}
