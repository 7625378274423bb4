package org.secmlops.core.robustness;

import java.util.SplittableRandom;
import org.secmlops.core.model.GradientFreeModel;
import org.secmlops.core.model.Outputs;

/**
 * A tiny random ReLU network computed in Java with its analytic input gradient: the in-test model for the pure
 * attack-loop tests (the engine path is tested on SavedModels). Counts its calls.
 */
final class JavaMlp extends GradientFreeModel {
    private final int inputs;
    private final int hidden;
    private final int classes;
    private final double[] w1;
    private final double[] w2;
    private final boolean gradients;
    int predictCalls;
    int gradientCalls;

    JavaMlp(int inputs, int hidden, int classes, long seed, boolean gradients) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        this.gradients = gradients;
        SplittableRandom random = new SplittableRandom(seed);
        w1 = new double[inputs * hidden];
        w2 = new double[hidden * classes];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = random.nextGaussian() * 2 / Math.sqrt(inputs);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = random.nextGaussian() * 2 / Math.sqrt(hidden);
        }
    }

    @Override
    public int[] sampleShape() {
        return new int[] {inputs};
    }

    @Override
    public float[][] predict(float[][] batch) {
        predictCalls++;
        float[][] out = new float[batch.length][];
        for (int n = 0; n < batch.length; n++) {
            out[n] = logits(batch[n], new double[hidden]);
        }
        return out;
    }

    /** The predicted class of each sample. */
    int[] classify(float[][] batch) {
        int[] out = new int[batch.length];
        for (int n = 0; n < batch.length; n++) {
            out[n] = Outputs.argmax(logits(batch[n], new double[hidden]));
        }
        return out;
    }

    private float[] logits(float[] x, double[] h) {
        for (int j = 0; j < hidden; j++) {
            double s = 0;
            for (int i = 0; i < inputs; i++) {
                s += x[i] * w1[i * hidden + j];
            }
            h[j] = Math.max(0, s);
        }
        float[] z = new float[classes];
        for (int c = 0; c < classes; c++) {
            double s = 0;
            for (int j = 0; j < hidden; j++) {
                s += h[j] * w2[j * classes + c];
            }
            z[c] = (float) s;
        }
        return z;
    }

    @Override
    public boolean supportsGradients() {
        return gradients;
    }

    @Override
    public float[][] inputGradient(float[][] batch, int[] labels) {
        if (!gradients) {
            throw new UnsupportedOperationException("no gradients");
        }
        gradientCalls++;
        float[][] out = new float[batch.length][inputs];
        for (int n = 0; n < batch.length; n++) {
            double[] h = new double[hidden];
            float[] p = softmax(logits(batch[n], h));
            p[labels[n]] -= 1;
            for (int j = 0; j < hidden; j++) {
                if (h[j] <= 0) {
                    continue;
                }
                double dh = 0;
                for (int c = 0; c < classes; c++) {
                    dh += w2[j * classes + c] * p[c];
                }
                for (int i = 0; i < inputs; i++) {
                    out[n][i] += (float) (w1[i * hidden + j] * dh);
                }
            }
        }
        return out;
    }

    private static float[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (Math.exp(z[i] - max) / sum);
        }
        return p;
    }
}
