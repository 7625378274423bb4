package org.secmlops.core.gate;

/** What a failed quality gate does to the build. */
public enum Criticality {
    /** The build becomes unstable. */
    UNSTABLE,
    /** The build fails. */
    FAILURE
}
