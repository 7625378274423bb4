package org.secmlops.core.robustness.defense;

import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.robustness.DefenseRow;
import org.secmlops.core.capability.robustness.RobustnessCapability;

/** The gate metrics of a defense configuration: what the selected configuration reports for the run. */
public final class DefenseMetrics {
    private DefenseMetrics() {
    }

    /** The metrics of one row; robust accuracy is left out where no attack ran. */
    public static Map<String, Double> of(DefenseRow row, DefenseRow baseline) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (row.robustAccuracy() != null) {
            metrics.put(RobustnessCapability.DEFENSE_ROBUST_ACCURACY, row.robustAccuracy());
        }
        metrics.put(RobustnessCapability.DEFENSE_CLEAN_ACCURACY_DROP, baseline.cleanAccuracy() - row.cleanAccuracy());
        metrics.put(RobustnessCapability.DEFENSE_LATENCY_OVERHEAD, row.latencyOverhead());
        metrics.put(RobustnessCapability.DEFENSE_THROUGHPUT, row.throughput());
        return metrics;
    }

    /** Whether the metric is one of these. */
    public static boolean isDefenseMetric(String metric) {
        return metric.startsWith("DEFENSE_");
    }
}
