package org.secmlops.core.gate;

import java.util.Objects;

/**
 * A threshold on one metric: {@code ROBUST_ACCURACY >= 0.6, else FAILURE}. The comparison direction
 * comes from the metric's {@link MetricDirection}, so a gate is always read as "the value must be
 * at least as good as the threshold".
 *
 * @param metric      the metric's name
 * @param threshold   the worst acceptable value (for {@link Baseline#DELTA}: the worst acceptable change)
 * @param criticality what a failure does to the build
 * @param baseline    whether the value itself or its change against the reference build is compared
 */
public record QualityGate(String metric, double threshold, Criticality criticality, Baseline baseline) {
    public QualityGate {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(criticality, "criticality");
        Objects.requireNonNull(baseline, "baseline");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("Threshold of gate on " + metric + " must be a finite number");
        }
        if (baseline == Baseline.DELTA && threshold < 0) {
            throw new IllegalArgumentException("Threshold of delta gate on " + metric
                    + " is the largest acceptable worsening and must not be negative: " + threshold);
        }
    }

    /** A gate on the metric's own value. */
    public static QualityGate absolute(String metric, double threshold, Criticality criticality) {
        return new QualityGate(metric, threshold, criticality, Baseline.ABSOLUTE);
    }

    /** A gate on the metric's worsening against the reference build. */
    public static QualityGate delta(String metric, double threshold, Criticality criticality) {
        return new QualityGate(metric, threshold, criticality, Baseline.DELTA);
    }
}
