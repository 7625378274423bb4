package org.secmlops.core.datacheck;

import java.util.Arrays;
import java.util.Random;

/**
 * A neural network with one hidden layer of {@value #HIDDEN} rectified linear units and a softmax output, trained by
 * mini-batch gradient descent with momentum, an L2 penalty and a decaying step size, in plain Java. Deterministic
 * for a given seed. Features should be roughly standardized. It trains for about {@value #VISITS} sample visits
 * (between {@value #MIN_EPOCHS} and {@value #MAX_EPOCHS} epochs), so the cost does not grow with the data beyond a
 * few epochs.
 */
final class MultilayerPerceptron implements Classifier {
    static final int HIDDEN = 64;
    static final long VISITS = 300_000;
    static final int MIN_EPOCHS = 2;
    static final int MAX_EPOCHS = 30;
    private static final int BATCH = 64;
    private static final float L2 = 1e-4f;
    private static final float MOMENTUM = 0.9f;
    private static final double STEP = 0.05;

    /** Input weights, input-major: {@code hidden[q * HIDDEN + j]} links input {@code q} to unit {@code j}. */
    private final float[] hidden;
    private final float[] hiddenBias;
    /** Output weights, class-major: {@code output[c * HIDDEN + j]}. */
    private final float[] output;
    private final float[] outputBias;

    private MultilayerPerceptron(float[] hidden, float[] hiddenBias, float[] output, float[] outputBias) {
        this.hidden = hidden;
        this.hiddenBias = hiddenBias;
        this.output = output;
        this.outputBias = outputBias;
    }

    /** Trains on the rows {@code train} of {@code x}. */
    /** The number of weights and biases of a network for {@code inputs} values and {@code classes} classes. */
    static long parameters(int inputs, int classes) {
        return (long) (inputs + 1) * HIDDEN + (long) (HIDDEN + 1) * classes;
    }

    static MultilayerPerceptron train(float[][] x, int[] labels, int[] train, int classes, long seed) {
        int d = x[0].length;
        Random random = new Random(seed);
        MultilayerPerceptron net = new MultilayerPerceptron(gaussian(d * HIDDEN, Math.sqrt(2.0 / d), random),
                new float[HIDDEN], gaussian(classes * HIDDEN, Math.sqrt(1.0 / HIDDEN), random), new float[classes]);
        MultilayerPerceptron velocity = new MultilayerPerceptron(new float[d * HIDDEN], new float[HIDDEN],
                new float[classes * HIDDEN], new float[classes]);
        MultilayerPerceptron gradient = new MultilayerPerceptron(new float[d * HIDDEN], new float[HIDDEN],
                new float[classes * HIDDEN], new float[classes]);
        float[] a = new float[HIDDEN];
        float[] dz = new float[HIDDEN];
        float[] p = new float[classes];
        int[] order = train.clone();
        int epochs = (int) Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, VISITS / Math.max(1, order.length)));
        int batches = (order.length + BATCH - 1) / BATCH;
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Linear.shuffle(order, random);
            for (int start = 0; start < order.length; start += BATCH) {
                org.secmlops.core.run.Cancellation.check();
                int end = Math.min(order.length, start + BATCH);
                gradient.clear();
                for (int s = start; s < end; s++) {
                    float[] row = x[order[s]];
                    net.forward(row, a, p);
                    p[labels[order[s]]] -= 1;
                    net.backward(row, a, p, dz, gradient);
                }
                float rate = (float) (STEP / (1 + 10.0 * step / (epochs * batches)));
                net.descend(velocity, gradient, rate, 1f / (end - start));
                step++;
            }
        }
        return net;
    }

    @Override
    public float[] predict(float[] row) {
        float[] p = new float[outputBias.length];
        forward(row, new float[HIDDEN], p);
        return p;
    }

    /** The hidden layer's activations (the penultimate layer) for one row. */
    float[] activations(float[] row) {
        float[] a = new float[HIDDEN];
        forward(row, a, new float[outputBias.length]);
        return a;
    }

    /** Hidden activations into {@code a}, class probabilities into {@code p}. */
    private void forward(float[] row, float[] a, float[] p) {
        System.arraycopy(hiddenBias, 0, a, 0, HIDDEN);
        for (int q = 0; q < row.length; q++) {
            float v = row[q];
            int o = q * HIDDEN;
            for (int j = 0; j < HIDDEN; j++) {
                a[j] += v * hidden[o + j];
            }
        }
        for (int j = 0; j < HIDDEN; j++) {
            a[j] = a[j] > 0 ? a[j] : 0;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            float s = outputBias[c];
            int o = c * HIDDEN;
            for (int j = 0; j < HIDDEN; j++) {
                s += a[j] * output[o + j];
            }
            p[c] = s;
            max = Math.max(max, s);
        }
        float sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = (float) Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
    }

    /** Adds the gradient of one sample's cross-entropy, given its output error {@code e}, to {@code g}. */
    private void backward(float[] row, float[] a, float[] e, float[] dz, MultilayerPerceptron g) {
        Arrays.fill(dz, 0);
        for (int c = 0; c < e.length; c++) {
            float ec = e[c];
            int o = c * HIDDEN;
            for (int j = 0; j < HIDDEN; j++) {
                g.output[o + j] += ec * a[j];
                dz[j] += ec * output[o + j];
            }
            g.outputBias[c] += ec;
        }
        for (int j = 0; j < HIDDEN; j++) {
            dz[j] = a[j] > 0 ? dz[j] : 0;
            g.hiddenBias[j] += dz[j];
        }
        for (int q = 0; q < row.length; q++) {
            float v = row[q];
            if (v == 0) {
                continue;
            }
            int o = q * HIDDEN;
            for (int j = 0; j < HIDDEN; j++) {
                g.hidden[o + j] += v * dz[j];
            }
        }
    }

    private void descend(MultilayerPerceptron velocity, MultilayerPerceptron gradient, float rate, float scale) {
        descend(hidden, velocity.hidden, gradient.hidden, rate, scale, L2);
        descend(hiddenBias, velocity.hiddenBias, gradient.hiddenBias, rate, scale, 0);
        descend(output, velocity.output, gradient.output, rate, scale, L2);
        descend(outputBias, velocity.outputBias, gradient.outputBias, rate, scale, 0);
    }

    private static void descend(float[] w, float[] v, float[] g, float rate, float scale, float l2) {
        for (int i = 0; i < w.length; i++) {
            v[i] = MOMENTUM * v[i] - rate * (g[i] * scale + l2 * w[i]);
            w[i] += v[i];
        }
    }

    private void clear() {
        Arrays.fill(hidden, 0);
        Arrays.fill(hiddenBias, 0);
        Arrays.fill(output, 0);
        Arrays.fill(outputBias, 0);
    }

    private static float[] gaussian(int n, double scale, Random random) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * scale);
        }
        return out;
    }
}
