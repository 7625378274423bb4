package org.secmlops.core.capability.robustness;

import java.util.List;
import java.util.Objects;

/**
 * One configuration of the trade-off: what it buys and what it costs.
 *
 * @param defense                   the configuration, e.g. {@code none}, {@code bit-depth:3}
 * @param cleanAccuracy             share of clean samples classified correctly (and, behind a detector, accepted)
 * @param robustAccuracy            worst case over the attacks at the largest budget, adaptive; null without attacks
 * @param nonAdaptiveRobustAccuracy the same under attacks that ignore the defense; null where not measured
 * @param attacks                   every attack and budget
 * @param detectionRate             behind a detector: share of the adversarial inputs at the largest budget that fool the
 *                                  model, made by the attacks that ignore the detector, which it rejects
 * @param falsePositiveRate         behind a detector: share of clean samples it rejects
 * @param latencyP50Ms              median time of one batched prediction, milliseconds
 * @param latencyP95Ms              95th percentile of the same
 * @param throughput                samples per second through the defended model
 * @param latencyOverhead           time per sample relative to the undefended model (1 = no overhead)
 * @param gradientMasking           the non-adaptive attack overstates robustness by more than
 *                                  {@link DefenseReport#MASKING_MARGIN}
 * @param pareto                    no other configuration is at least as good in robust accuracy, clean accuracy and
 *                                  overhead and better in one
 */
public record DefenseRow(String defense, double cleanAccuracy, Double robustAccuracy,
        Double nonAdaptiveRobustAccuracy, List<DefenseAttack> attacks, Double detectionRate, Double falsePositiveRate,
        double latencyP50Ms, double latencyP95Ms, double throughput, double latencyOverhead, boolean gradientMasking,
        boolean pareto) {
    public DefenseRow {
        Objects.requireNonNull(defense, "defense");
        attacks = List.copyOf(attacks);
    }

    /** This row, marked Pareto-optimal or not. */
    public DefenseRow withPareto(boolean value) {
        return new DefenseRow(defense, cleanAccuracy, robustAccuracy, nonAdaptiveRobustAccuracy, attacks, detectionRate,
                falsePositiveRate, latencyP50Ms, latencyP95Ms, throughput, latencyOverhead, gradientMasking, value);
    }
}
