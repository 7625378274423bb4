package org.secmlops.core.robustness.defense;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.Softmax;

/**
 * The feature-squeezing detector (Xu, Evans and Qi, NDSS 2018): an input's score is the largest L1 distance between
 * the model's prediction on it and on each squeezed copy; inputs scoring above a threshold, calibrated on clean data
 * to a false-positive rate, are rejected. Immutable once calibrated.
 */
public final class SqueezeDetector {
    private final List<InputTransform> squeezers;
    private final double threshold;

    private SqueezeDetector(List<InputTransform> squeezers, double threshold) {
        this.squeezers = List.copyOf(squeezers);
        this.threshold = threshold;
    }

    /**
     * Calibrates the threshold on clean inputs: the smallest score that at most {@code fpr} of them exceed.
     *
     * @throws IllegalArgumentException when the clean scores leave no threshold that accepts most clean inputs
     *                                  (every clean input would be rejected)
     */
    public static SqueezeDetector calibrate(LoadedModel model, List<InputTransform> squeezers, float[][] clean,
            double fpr) throws ModelException {
        if (!(fpr > 0 && fpr < 0.5)) {
            throw new IllegalArgumentException("the detector's false-positive rate must be in (0, 0.5), was " + fpr);
        }
        if (clean.length == 0) {
            throw new IllegalArgumentException("the detector needs clean samples to calibrate on");
        }
        double[] scores = scores(model, squeezers, clean);
        Arrays.sort(scores);
        double threshold = thresholdAt(scores, fpr);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("the detector's scores on clean data are not finite; the model's"
                    + " outputs cannot be compared");
        }
        return new SqueezeDetector(squeezers, threshold);
    }

    /** A detector with a threshold chosen by the user. */
    public static SqueezeDetector withThreshold(List<InputTransform> squeezers, double threshold) {
        return new SqueezeDetector(squeezers, threshold);
    }

    /** The threshold: inputs scoring above it are rejected. */
    public double threshold() {
        return threshold;
    }

    /** The squeezers whose predictions are compared with the input's. */
    public List<InputTransform> squeezers() {
        return squeezers;
    }

    /** Whether each input is rejected. */
    public boolean[] rejects(LoadedModel model, float[][] inputs) throws ModelException {
        double[] scores = scores(model, squeezers, inputs);
        boolean[] out = new boolean[inputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i] > threshold;
        }
        return out;
    }

    /**
     * The smallest of the sorted clean scores that at most {@code fpr} of them exceed.
     *
     * @param sortedClean the scores of clean inputs, ascending, at least one
     */
    public static double thresholdAt(double[] sortedClean, double fpr) {
        int accepted = (int) Math.ceil((1 - fpr) * sortedClean.length) - 1;
        return sortedClean[Math.max(0, accepted)];
    }

    /**
     * Each input's score: the largest L1 distance between the model's probabilities on it and on each squeezed copy
     * (outputs that are not distributions are softmaxed).
     */
    public static double[] scores(LoadedModel model, List<InputTransform> squeezers, float[][] inputs)
            throws ModelException {
        Objects.requireNonNull(model, "model");
        float[][] plain = probabilities(model.predict(inputs));
        double[] scores = new double[inputs.length];
        for (InputTransform squeezer : squeezers) {
            float[][] p = probabilities(model.predict(squeezer.applyAll(inputs, new SplittableRandom(0))));
            for (int i = 0; i < inputs.length; i++) {
                double l1 = 0;
                for (int c = 0; c < p[i].length; c++) {
                    l1 += Math.abs(p[i][c] - plain[i][c]);
                }
                scores[i] = Math.max(scores[i], l1);
            }
        }
        return scores;
    }

    private static float[][] probabilities(float[][] outputs) {
        if (Softmax.areDistributions(outputs)) {
            return outputs;
        }
        float[][] out = new float[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            out[i] = Softmax.of(outputs[i]);
        }
        return out;
    }
}
