package org.secmlops.core.gate;

/** Whether a larger or a smaller value of a metric is the better one. */
public enum MetricDirection {
    /** Larger is better, e.g. accuracy: a gate fails when the value falls below its threshold. */
    HIGHER_IS_BETTER,
    /** Smaller is better, e.g. number of findings: a gate fails when the value rises above its threshold. */
    LOWER_IS_BETTER
}
