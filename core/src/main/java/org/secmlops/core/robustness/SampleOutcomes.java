package org.secmlops.core.robustness;

import java.util.List;

/**
 * Which samples withstood every attack at the gate budget and which did not, by sample id: what lets the next build
 * tell the samples it newly broke (robust in the reference build, not robust now). Serialized into
 * {@code result.json} as {@code details.robustness.sampleOutcomes}.
 *
 * @param epsilon   the gate budget
 * @param robust    ids of samples classified correctly that no attack broke, in evaluation order
 * @param notRobust ids of samples misclassified or broken by some attack, in evaluation order
 * @param truncated whether samples after the first {@link #MAX_SAMPLES} are left out
 */
public record SampleOutcomes(double epsilon, List<String> robust, List<String> notRobust, boolean truncated) {
    /** How many samples' outcomes are recorded at most. */
    public static final int MAX_SAMPLES = 10_000;

    public SampleOutcomes {
        robust = List.copyOf(robust);
        notRobust = List.copyOf(notRobust);
    }
}
