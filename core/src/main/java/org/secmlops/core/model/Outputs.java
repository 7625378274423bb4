package org.secmlops.core.model;

/** Reading a classifier's output rows (logits or probabilities). */
public final class Outputs {
    private Outputs() {
    }

    /** The index of the largest output; the first on ties. */
    public static int argmax(float[] outputs) {
        int best = 0;
        for (int c = 1; c < outputs.length; c++) {
            if (outputs[c] > outputs[best]) {
                best = c;
            }
        }
        return best;
    }
}
