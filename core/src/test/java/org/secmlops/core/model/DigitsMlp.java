package org.secmlops.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * A 64-16-10 ReLU network for the digits, trained here in plain Java (full-batch gradient descent, fixed seed;
 * Java float arithmetic is deterministic, so the weights are the same everywhere). Weights are row-major:
 * {@code w1[i * HIDDEN + h]}, {@code w2[h * CLASSES + c]}.
 *
 * <p>{@code src/test/resources/org/secmlops/core/model/digits-mlp.txt} holds the weights written by
 * {@link #toText}; {@code make_torchscript.py} beside it turns them into {@code digits-mlp.pt}.
 */
final class DigitsMlp {
    static final int INPUTS = 64;
    static final int HIDDEN = 16;
    static final int CLASSES = 10;
    static final int TRAINING_SAMPLES = 1500;

    final float[] w1;
    final float[] b1;
    final float[] w2;
    final float[] b2;

    DigitsMlp(float[] w1, float[] b1, float[] w2, float[] b2) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    private static DigitsMlp committed;

    /** The committed weights (the ones the TorchScript fixture was made from). */
    static synchronized DigitsMlp committed() {
        if (committed == null) {
            try (InputStream in = DigitsMlp.class.getResourceAsStream("digits-mlp.txt")) {
                committed = fromText(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return committed;
    }

    /** Trains on the first {@link #TRAINING_SAMPLES} digits. */
    static DigitsMlp train(Digits digits, int steps) {
        Random random = new Random(42);
        float[] w1 = new float[INPUTS * HIDDEN];
        float[] w2 = new float[HIDDEN * CLASSES];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) (random.nextGaussian() * 0.3);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) (random.nextGaussian() * 0.3);
        }
        DigitsMlp mlp = new DigitsMlp(w1, new float[HIDDEN], w2, new float[CLASSES]);
        float rate = 1.0f;
        for (int step = 0; step < steps; step++) {
            float[] gw1 = new float[w1.length];
            float[] gb1 = new float[HIDDEN];
            float[] gw2 = new float[w2.length];
            float[] gb2 = new float[CLASSES];
            for (int n = 0; n < TRAINING_SAMPLES; n++) {
                float[] x = digits.x[n];
                float[] h = mlp.hidden(x);
                float[] dz = softmax(mlp.logitsFromHidden(h));
                dz[digits.y[n]] -= 1f;
                float[] dh = new float[HIDDEN];
                for (int j = 0; j < HIDDEN; j++) {
                    for (int c = 0; c < CLASSES; c++) {
                        gw2[j * CLASSES + c] += h[j] * dz[c];
                        dh[j] += w2[j * CLASSES + c] * dz[c];
                    }
                    if (h[j] <= 0f) {
                        dh[j] = 0f;
                    }
                }
                for (int c = 0; c < CLASSES; c++) {
                    gb2[c] += dz[c];
                }
                for (int i = 0; i < INPUTS; i++) {
                    if (x[i] != 0f) {
                        for (int j = 0; j < HIDDEN; j++) {
                            gw1[i * HIDDEN + j] += x[i] * dh[j];
                        }
                    }
                }
                for (int j = 0; j < HIDDEN; j++) {
                    gb1[j] += dh[j];
                }
            }
            float scale = rate / TRAINING_SAMPLES;
            update(w1, gw1, scale);
            update(mlp.b1, gb1, scale);
            update(w2, gw2, scale);
            update(mlp.b2, gb2, scale);
        }
        return mlp;
    }

    private static void update(float[] w, float[] g, float scale) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= scale * g[i];
        }
    }

    float[] hidden(float[] x) {
        float[] h = b1.clone();
        for (int i = 0; i < INPUTS; i++) {
            if (x[i] != 0f) {
                for (int j = 0; j < HIDDEN; j++) {
                    h[j] += x[i] * w1[i * HIDDEN + j];
                }
            }
        }
        for (int j = 0; j < HIDDEN; j++) {
            h[j] = Math.max(0f, h[j]);
        }
        return h;
    }

    float[] logitsFromHidden(float[] h) {
        float[] z = b2.clone();
        for (int j = 0; j < HIDDEN; j++) {
            for (int c = 0; c < CLASSES; c++) {
                z[c] += h[j] * w2[j * CLASSES + c];
            }
        }
        return z;
    }

    float[] logits(float[] x) {
        return logitsFromHidden(hidden(x));
    }

    /** d CE(softmax(logits(x)), label) / dx, in double precision. */
    double[] inputGradient(float[] x, int label) {
        float[] h = hidden(x);
        float[] dz = softmax(logitsFromHidden(h));
        dz[label] -= 1f;
        double[] dh = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            if (h[j] > 0f) {
                for (int c = 0; c < CLASSES; c++) {
                    dh[j] += (double) w2[j * CLASSES + c] * dz[c];
                }
            }
        }
        double[] dx = new double[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            for (int j = 0; j < HIDDEN; j++) {
                dx[i] += (double) w1[i * HIDDEN + j] * dh[j];
            }
        }
        return dx;
    }

    static float[] softmax(float[] z) {
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

    String toText() {
        return line("w1", w1) + line("b1", b1) + line("w2", w2) + line("b2", b2);
    }

    private static String line(String name, float[] values) {
        StringBuilder s = new StringBuilder(name);
        for (float v : values) {
            s.append(' ').append(String.format(Locale.ROOT, "%.9e", v));
        }
        return s.append('\n').toString();
    }

    static DigitsMlp fromText(String text) {
        float[][] parts = new float[4][];
        for (String line : text.strip().split("\n")) {
            String[] cells = line.trim().split(" ");
            int index = Arrays.asList("w1", "b1", "w2", "b2").indexOf(cells[0]);
            parts[index] = new float[cells.length - 1];
            for (int i = 1; i < cells.length; i++) {
                parts[index][i - 1] = Float.parseFloat(cells[i]);
            }
        }
        return new DigitsMlp(parts[0], parts[1], parts[2], parts[3]);
    }
}
