package org.secmlops.core.datacheck;

import java.util.Random;

/**
 * Multinomial logistic regression with an L2 penalty, trained by mini-batch gradient descent with momentum and a
 * decaying step size, in plain Java. Deterministic for a given seed. Features should be roughly standardized.
 */
final class SoftmaxRegression implements Classifier {
    private static final int BATCH = 32;
    private static final double L2 = 1e-4;
    private static final double MOMENTUM = 0.9;
    private static final double STEP = 0.05;
    /** Sample visits per training run, so the cost does not grow with the data beyond a few epochs. */
    private static final long VISITS = 1_500_000;

    private final double[][] weights;
    private final double[] bias;

    private SoftmaxRegression(double[][] weights, double[] bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** Trains on the rows {@code train} of {@code x}. */
    static SoftmaxRegression train(float[][] x, int[] labels, int[] train, int classes, long seed) {
        int d = x[0].length;
        double[][] w = new double[classes][d];
        double[] b = new double[classes];
        double[][] vw = new double[classes][d];
        double[] vb = new double[classes];
        double[][] gw = new double[classes][d];
        double[] gb = new double[classes];
        double[] p = new double[classes];
        int[] order = train.clone();
        Random random = new Random(seed);
        int epochs = (int) Math.max(8, Math.min(100, VISITS / Math.max(1, order.length)));
        int steps = 0;
        int totalSteps = epochs * ((order.length + BATCH - 1) / BATCH);
        for (int epoch = 0; epoch < epochs; epoch++) {
            Linear.shuffle(order, random);
            for (int start = 0; start < order.length; start += BATCH) {
                org.secmlops.core.run.Cancellation.check();
                int end = Math.min(order.length, start + BATCH);
                for (double[] g : gw) {
                    java.util.Arrays.fill(g, 0);
                }
                java.util.Arrays.fill(gb, 0);
                for (int s = start; s < end; s++) {
                    float[] row = x[order[s]];
                    probabilities(w, b, row, p);
                    p[labels[order[s]]] -= 1;
                    for (int c = 0; c < classes; c++) {
                        double e = p[c];
                        if (e == 0) {
                            continue;
                        }
                        double[] g = gw[c];
                        for (int j = 0; j < d; j++) {
                            g[j] += e * row[j];
                        }
                        gb[c] += e;
                    }
                }
                double rate = STEP / (1 + 10.0 * steps / totalSteps);
                double scale = 1.0 / (end - start);
                for (int c = 0; c < classes; c++) {
                    double[] wc = w[c];
                    double[] vc = vw[c];
                    double[] g = gw[c];
                    for (int j = 0; j < d; j++) {
                        vc[j] = MOMENTUM * vc[j] - rate * (g[j] * scale + L2 * wc[j]);
                        wc[j] += vc[j];
                    }
                    vb[c] = MOMENTUM * vb[c] - rate * gb[c] * scale;
                    b[c] += vb[c];
                }
                steps++;
            }
        }
        return new SoftmaxRegression(w, b);
    }

    @Override
    public float[] predict(float[] row) {
        double[] p = new double[bias.length];
        probabilities(weights, bias, row, p);
        float[] out = new float[p.length];
        for (int c = 0; c < p.length; c++) {
            out[c] = (float) p[c];
        }
        return out;
    }

    private static void probabilities(double[][] w, double[] b, float[] row, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < b.length; c++) {
            double z = b[c];
            double[] wc = w[c];
            for (int j = 0; j < row.length; j++) {
                z += wc[j] * row[j];
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < b.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < b.length; c++) {
            p[c] /= sum;
        }
    }
}
