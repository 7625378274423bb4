package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.secmlops.core.capability.monitor.ClassShare;

/**
 * Predicted-class shares, mean confidence and accuracy of the window's outputs. An output whose values all lie in
 * 0..1 and sum to 1 (± 0.001) is taken as probabilities, any other as logits (softmaxed).
 */
final class Predictions {
    private static final double FLOOR = 1e-4;

    private final double[] referenceShares;
    private long[] counts = new long[0];
    private long predictions;
    private double confidenceSum;
    private long labelled;
    private long correct;

    Predictions(double[] referenceShares) {
        this.referenceShares = referenceShares;
    }

    void add(float[] output, int label) {
        int best = 0;
        for (int c = 1; c < output.length; c++) {
            best = output[c] > output[best] ? c : best;
        }
        if (best >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(output.length, best + 1));
        }
        counts[best]++;
        predictions++;
        confidenceSum += topProbability(output, best);
        if (label >= 0) {
            labelled++;
            correct += label == best ? 1 : 0;
        }
    }

    /** The top probability of an output whose largest value is at {@code best}. */
    static double topProbability(float[] output, int best) {
        double sum = 0;
        boolean probabilities = true;
        for (float v : output) {
            probabilities &= v >= 0 && v <= 1;
            sum += v;
        }
        if (probabilities && Math.abs(sum - 1) <= 1e-3) {
            return output[best];
        }
        double exp = 0;
        for (float v : output) {
            exp += Math.exp(v - output[best]);
        }
        return 1 / exp;
    }

    long predictions() {
        return predictions;
    }

    long labelled() {
        return labelled;
    }

    double accuracy() {
        return labelled == 0 ? Double.NaN : (double) correct / labelled;
    }

    double meanConfidence() {
        return predictions == 0 ? Double.NaN : confidenceSum / predictions;
    }

    double[] windowShares() {
        double[] shares = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            shares[c] = predictions == 0 ? 0 : (double) counts[c] / predictions;
        }
        return shares;
    }

    /** PSI of the window's predicted-class shares against the reference's (each class a bin). */
    double psi() {
        if (predictions == 0) {
            return Double.NaN;
        }
        double[] window = windowShares();
        double psi = 0;
        for (int c = 0; c < Math.max(window.length, referenceShares.length); c++) {
            double e = Math.max(c < referenceShares.length ? referenceShares[c] : 0, FLOOR);
            double a = Math.max(c < window.length ? window[c] : 0, FLOOR);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    List<ClassShare> shares() {
        if (predictions == 0) {
            return List.of();
        }
        double[] window = windowShares();
        List<ClassShare> out = new ArrayList<>();
        for (int c = 0; c < Math.max(window.length, referenceShares.length); c++) {
            out.add(new ClassShare(c, c < referenceShares.length ? referenceShares[c] : 0,
                    c < window.length ? window[c] : 0));
        }
        return out;
    }
}
