package org.secmlops.core.gate;

import java.util.Collection;

/** The outcome of a gate, and of a whole run: the worst outcome of its gates. Declared best first. */
public enum GateStatus {
    /** The gate held. */
    PASSED,
    /** The gate could not be evaluated, e.g. a delta gate without a reference build; it does not fail. */
    INACTIVE,
    /** The gate failed with criticality {@link Criticality#UNSTABLE}. */
    UNSTABLE,
    /** The gate failed with criticality {@link Criticality#FAILURE}. */
    FAILED;

    public boolean isWorseThan(GateStatus other) {
        return severity() > other.severity();
    }

    private int severity() {
        return this == INACTIVE ? PASSED.ordinal() : ordinal();
    }

    /** The status of a failed gate with the given criticality. */
    public static GateStatus failedWith(Criticality criticality) {
        return criticality == Criticality.FAILURE ? FAILED : UNSTABLE;
    }

    /** The worst of the given statuses; {@link #PASSED} for none. */
    public static GateStatus worst(Collection<GateStatus> statuses) {
        GateStatus worst = PASSED;
        for (GateStatus status : statuses) {
            if (status.isWorseThan(worst)) {
                worst = status;
            }
        }
        return worst;
    }
}
