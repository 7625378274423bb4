package org.secmlops.core.model;

/**
 * Softmax of a model's outputs, and whether outputs already are probabilities (the model ends in softmax): one
 * definition for evaluation, attacks and the data check.
 */
public final class Softmax {
    /** How far a row of probabilities may sum from 1. */
    public static final double TOLERANCE = 1e-3;

    private Softmax() {
    }

    /** The softmax of the logits, computed stably (shifted by their maximum). */
    public static float[] of(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) (Math.exp(logits[i] - max) / sum);
        }
        return p;
    }

    /** Whether the row lies in [0, 1] and sums to 1 within {@link #TOLERANCE}; a NaN makes it no distribution. */
    public static boolean isDistribution(float[] row) {
        double sum = 0;
        for (float v : row) {
            if (!(v >= 0 && v <= 1)) {
                return false;
            }
            sum += v;
        }
        return Math.abs(sum - 1) <= TOLERANCE;
    }

    /** Whether every row is a distribution: the model's outputs are probabilities, not logits. */
    public static boolean areDistributions(float[][] rows) {
        for (float[] row : rows) {
            if (!isDistribution(row)) {
                return false;
            }
        }
        return true;
    }
}
