package org.secmlops.core.gate;

/** What a gate compares its threshold with. */
public enum Baseline {
    /** The metric's value in this run. */
    ABSOLUTE,
    /**
     * The change of the metric against the reference build (the last build that passed its gates). For a
     * lower-is-better metric the gate fails when the value grew by more than the threshold; for a
     * higher-is-better metric when it fell by more than the threshold.
     */
    DELTA
}
