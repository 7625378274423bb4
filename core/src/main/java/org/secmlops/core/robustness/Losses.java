package org.secmlops.core.robustness;

import org.secmlops.core.model.Outputs;

/** Losses and decisions on model outputs (taken as logits). */
final class Losses {

    private Losses() {
    }

    /** The index (from {@code offset}) of the largest of the {@code width} outputs from {@code offset}. */
    private static int argmax(float[] outputs, int offset, int width) {
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (outputs[offset + c] > outputs[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Whether the top of the {@code width} outputs from {@code offset} (the first on ties) is not the label. */
    static boolean misclassified(float[] outputs, int offset, int width, int label) {
        return argmax(outputs, offset, width) != label;
    }

    /** Whether the top output is not the label. */
    static boolean misclassified(float[] outputs, int label) {
        return Outputs.argmax(outputs) != label;
    }

    /**
     * {@code z_label - max_{k != label} z_k}: negative when misclassified (ties count as correct), NaN when an
     * output is NaN. The maximum is taken in float with a plain comparison and NaN tracked on the side: the
     * double {@code Math.max} it replaces was a quarter of the Square Attack's own time per query.
     */
    static double margin(float[] outputs, int label) {
        float other = Float.NEGATIVE_INFINITY;
        boolean undefined = false;
        for (int c = 0; c < outputs.length; c++) {
            float v = outputs[c];
            undefined |= v != v;
            if (c != label && v > other) {
                other = v;
            }
        }
        return undefined ? Double.NaN : (double) outputs[label] - other;
    }

    /** Cross-entropy of softmax(outputs) against the label. */
    static double crossEntropy(float[] outputs, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : outputs) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : outputs) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) + max - outputs[label];
    }
}
