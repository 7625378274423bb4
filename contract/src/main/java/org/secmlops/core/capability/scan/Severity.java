package org.secmlops.core.capability.scan;

/**
 * How bad a {@link ScanFinding} is, worst first: the natural order of the constants is
 * {@code CRITICAL < HIGH < MEDIUM < LOW}, so sorting puts the worst findings first.
 */
public enum Severity {
    /** Loading the model can run code, write files or reach the network. */
    CRITICAL,
    /** Loading the model can read files or call code that is a known stepping stone to execution. */
    HIGH,
    /** Something unknown or unparseable that a human should look at. */
    MEDIUM,
    /** Worth knowing, rarely a risk on its own. */
    LOW;

    /**
     * Tells whether this severity is at least as bad as {@code other}.
     *
     * @param other the threshold
     * @return {@code true} when this is {@code other} or worse
     */
    public boolean isAtLeast(Severity other) {
        return compareTo(other) <= 0;
    }
}
