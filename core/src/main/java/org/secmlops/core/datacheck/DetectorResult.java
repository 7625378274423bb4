package org.secmlops.core.datacheck;

import java.util.Objects;

/**
 * What one detector says about every sample.
 *
 * @param detector  the detector's id, e.g. {@code confident-learning}
 * @param method    one line on how it decided, with its parameters and thresholds
 * @param scores    a suspicion score per sample in [0, 1]; higher is more suspicious
 * @param flagged   whether the detector flags the sample
 * @param suggested the label the detector suggests per sample, or -1 for none
 */
public record DetectorResult(String detector, String method, double[] scores, boolean[] flagged, int[] suggested) {
    public DetectorResult {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(method, "method");
        if (scores.length != flagged.length || flagged.length != suggested.length) {
            throw new IllegalArgumentException("scores, flags and suggestions differ in length");
        }
    }

    /** How many samples are flagged. */
    public int flaggedCount() {
        int count = 0;
        for (boolean f : flagged) {
            if (f) {
                count++;
            }
        }
        return count;
    }

    static int[] none(int n) {
        int[] out = new int[n];
        java.util.Arrays.fill(out, -1);
        return out;
    }
}
