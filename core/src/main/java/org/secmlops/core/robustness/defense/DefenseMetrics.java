package org.secmlops.core.robustness.defense;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;

/** The gate metrics of a defense configuration: what the selected configuration reports for the run. */
public final class DefenseMetrics {
    public static final String DEFENSE_ROBUST_ACCURACY = "DEFENSE_ROBUST_ACCURACY";
    public static final String DEFENSE_CLEAN_ACCURACY_DROP = "DEFENSE_CLEAN_ACCURACY_DROP";
    public static final String DEFENSE_LATENCY_OVERHEAD = "DEFENSE_LATENCY_OVERHEAD";
    public static final String DEFENSE_THROUGHPUT = "DEFENSE_THROUGHPUT";

    /** The definitions, for the robustness capability's catalog. */
    public static final List<MetricDefinition> DEFINITIONS = List.of(
            new MetricDefinition(DEFENSE_ROBUST_ACCURACY, "Robust accuracy of the selected defense configuration"
                    + " under adaptive attacks at the largest epsilon (0..1)", MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(DEFENSE_CLEAN_ACCURACY_DROP, "Clean accuracy of the undefended model minus that of"
                    + " the selected defense configuration (0..1)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(DEFENSE_LATENCY_OVERHEAD, "Time per sample of the selected defense configuration"
                    + " relative to the undefended model (1 = none)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(DEFENSE_THROUGHPUT, "Samples per second through the selected defense configuration",
                    MetricDirection.HIGHER_IS_BETTER));

    private DefenseMetrics() {
    }

    /** The metrics of one row; robust accuracy is left out where no attack ran. */
    public static Map<String, Double> of(DefenseRow row, DefenseRow baseline) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (row.robustAccuracy() != null) {
            metrics.put(DEFENSE_ROBUST_ACCURACY, row.robustAccuracy());
        }
        metrics.put(DEFENSE_CLEAN_ACCURACY_DROP, baseline.cleanAccuracy() - row.cleanAccuracy());
        metrics.put(DEFENSE_LATENCY_OVERHEAD, row.latencyOverhead());
        metrics.put(DEFENSE_THROUGHPUT, row.throughput());
        return metrics;
    }

    /** Whether the metric is one of these. */
    public static boolean isDefenseMetric(String metric) {
        return metric.startsWith("DEFENSE_");
    }
}
