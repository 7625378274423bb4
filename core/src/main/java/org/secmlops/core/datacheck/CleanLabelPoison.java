package org.secmlops.core.datacheck;

import java.util.Locale;
import org.secmlops.core.run.Cancellation;

/**
 * Clean-label poisoning (feature collision, Shafahi et al. 2018; label-consistent attacks): the poisoned samples keep
 * a label that matches how they look, but the model represents them inside another class's region, so that the
 * model learns to give that class's region their label. The detector needs a model and compares two views per
 * sample: in the input (the scaled features) the sample lies nearest to its own class's centroid, so its label looks
 * right; in the model's representation it lies nearest to another class's centroid, at most {@value #MARGIN} times
 * as far as from its own. Such samples are flagged when at least {@value #MIN_PAIR} of them are carried from one
 * class into the same other class (single ones are as often the model's errors). The other class is the suggested
 * label: the one the poison serves. Without a model both views are the input and the detector flags nothing.
 */
final class CleanLabelPoison {
    static final String ID = "clean-label";
    static final double MARGIN = 0.7;
    static final int MIN_PAIR = 3;

    private CleanLabelPoison() {
    }

    static DetectorResult detect(DataTable data, FeatureScaling scaling, float[][] representation, String space) {
        int n = data.size();
        int classes = data.classes();
        int[] labels = data.labels();
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        int[] suggested = DetectorResult.none(n);
        if (representation == null) {
            return new DetectorResult(ID, "needs a model's representation; none given", scores, flagged, suggested);
        }
        float[][] inputCentroids = inputCentroids(data, scaling);
        float[][] representationCentroids = centroids(representation, labels, classes);
        int[] into = new int[n];
        int[][] pairs = new int[classes][classes];
        float[] row = new float[data.width()];
        float[] scaled = new float[data.width()];
        for (int i = 0; i < n; i++) {
            if ((i & 1023) == 0) {
                Cancellation.check();
            }
            into[i] = -1;
            int c = labels[i];
            double[] r = distances(representation[i], representationCentroids);
            int nearest = argmin(r, c);
            double ratio = r[nearest] / Math.max(r[c], 1e-12);
            if (ratio > MARGIN) {
                continue;
            }
            data.features().copyRow(i, row);
            scaling.apply(row, scaled);
            double[] x = distances(scaled, inputCentroids);
            if (argmin(x, -1) == c) {
                into[i] = nearest;
                pairs[c][nearest]++;
            }
        }
        StringBuilder found = new StringBuilder();
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < classes; k++) {
                if (pairs[c][k] >= MIN_PAIR) {
                    found.append(found.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                            "%d samples of class %d sit in class %d", pairs[c][k], c, k));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (into[i] >= 0 && pairs[labels[i]][into[i]] >= MIN_PAIR) {
                flagged[i] = true;
                suggested[i] = into[i];
                scores[i] = ConfidentLearning.clamp(1 - MARGIN * pairs[labels[i]][into[i]] / (double) n);
            }
        }
        return new DetectorResult(ID, String.format(Locale.ROOT, "samples nearest to their own class's centroid in"
                + " the scaled features but, in %s, nearest to another class's centroid at most %.1f times as far as"
                + " to their own, at least %d carried into the same class; flagged: %s", space, MARGIN, MIN_PAIR,
                found.length() == 0 ? "none" : found), scores, flagged, suggested);
    }

    private static float[][] inputCentroids(DataTable data, FeatureScaling scaling) {
        int d = data.width();
        double[][] sum = new double[data.classes()][d];
        int[] count = new int[data.classes()];
        float[] row = new float[d];
        float[] scaled = new float[d];
        for (int i = 0; i < data.size(); i++) {
            data.features().copyRow(i, row);
            scaling.apply(row, scaled);
            int c = data.labels()[i];
            count[c]++;
            for (int j = 0; j < d; j++) {
                sum[c][j] += scaled[j];
            }
        }
        return mean(sum, count);
    }

    private static float[][] centroids(float[][] x, int[] labels, int classes) {
        double[][] sum = new double[classes][x[0].length];
        int[] count = new int[classes];
        for (int i = 0; i < x.length; i++) {
            count[labels[i]]++;
            for (int j = 0; j < x[i].length; j++) {
                sum[labels[i]][j] += x[i][j];
            }
        }
        return mean(sum, count);
    }

    private static float[][] mean(double[][] sum, int[] count) {
        float[][] out = new float[sum.length][sum[0].length];
        for (int c = 0; c < sum.length; c++) {
            for (int j = 0; j < sum[c].length; j++) {
                out[c][j] = count[c] == 0 ? Float.NaN : (float) (sum[c][j] / count[c]);
            }
        }
        return out;
    }

    /** Euclidean distances to each centroid; infinite to a class without samples. */
    private static double[] distances(float[] x, float[][] centroids) {
        double[] out = new double[centroids.length];
        for (int c = 0; c < centroids.length; c++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                double v = x[j] - centroids[c][j];
                s += v * v;
            }
            out[c] = Double.isNaN(s) ? Double.POSITIVE_INFINITY : Math.sqrt(s);
        }
        return out;
    }

    /** The nearest class other than {@code except}. */
    private static int argmin(double[] d, int except) {
        int best = -1;
        for (int c = 0; c < d.length; c++) {
            if (c != except && (best < 0 || d[c] < d[best])) {
                best = c;
            }
        }
        return best;
    }
}
