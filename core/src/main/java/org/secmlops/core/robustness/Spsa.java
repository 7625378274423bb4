package org.secmlops.core.robustness;

import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;

/**
 * SPSA, Uesato et al. 2018: a black-box attack that estimates the gradient of the margin loss
 * {@code z_y − max_{k≠y} z_k} from {@code samples / 2} pairs of forward passes at {@code x ± δ v} with random
 * ±1 vectors {@code v} (δ = 0.01 × the input span), and descends it with Adam (learning rate
 * {@code stepSizeRatio × ε}, β = 0.9, 0.999), projecting onto the ε-ball and the valid range after every step.
 * Each iteration also scores the current point, so a sample stops as soon as it is misclassified. Cost per
 * sample: at most {@code queries} forward passes ({@code samples + 1} per iteration).
 *
 * @param norm          the norm of the budget
 * @param queries       forward passes per sample
 * @param samples       perturbation samples per iteration (even, at least 2)
 * @param stepSizeRatio Adam's learning rate as a fraction of ε
 */
public record Spsa(Norm norm, int queries, int samples, double stepSizeRatio) implements Attack {
    private static final double DELTA = 0.01;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    public Spsa {
        if (samples < 2 || samples % 2 != 0 || queries < samples + 1 || !(stepSizeRatio > 0)) {
            throw new IllegalArgumentException("SPSA needs an even sample count >= 2, queries > samples and a"
                    + " positive step size ratio");
        }
    }

    @Override
    public String name() {
        return "spsa";
    }

    @Override
    public boolean whiteBox() {
        return false;
    }

    @Override
    public float[][] perturb(AttackTarget target, float[][] clean, int[] labels, double eps, SplittableRandom random)
            throws ModelException, InterruptedException {
        InputBounds bounds = target.bounds();
        int n = clean.length;
        int d = clean[0].length;
        int pairs = samples / 2;
        int iterations = queries / (samples + 1);
        float[][] x = Rows.copy(clean);
        Ball[] balls = Rows.balls(clean, eps, norm, bounds);
        double[][] m = new double[n][d];
        double[][] v = new double[n][d];
        boolean[] done = new boolean[n];
        double rate = stepSizeRatio * eps;
        double[] probe = new double[d];
        double[] gradientScale = new double[d];
        for (int j = 0; j < d; j++) {
            probe[j] = DELTA * bounds.span(j);
            gradientScale[j] = 1 / (2 * probe[j] * pairs);
        }
        for (int t = 1; t <= iterations; t++) {
            double firstMomentCorrection = 1 - Math.pow(BETA1, t);
            double secondMomentCorrection = 1 - Math.pow(BETA2, t);
            int[] active = Rows.open(done);
            if (active.length == 0) {
                break;
            }
            float[][] batch = new float[active.length * (samples + 1)][];
            byte[][][] signs = new byte[active.length][pairs][d];
            for (int a = 0; a < active.length; a++) {
                int i = active[a];
                int base = a * (samples + 1);
                batch[base] = x[i];
                for (int k = 0; k < pairs; k++) {
                    float[] plus = new float[d];
                    float[] minus = new float[d];
                    long bits = 0;
                    for (int j = 0; j < d; j++) {
                        if ((j & 63) == 0) {
                            bits = random.nextLong();
                        }
                        byte s = (bits >>> (j & 63) & 1) == 0 ? (byte) 1 : (byte) -1;
                        signs[a][k][j] = s;
                        double h = probe[j] * s;
                        plus[j] = (float) (x[i][j] + h);
                        minus[j] = (float) (x[i][j] - h);
                    }
                    batch[base + 1 + 2 * k] = plus;
                    batch[base + 2 + 2 * k] = minus;
                }
            }
            float[][] outputs = target.predict(batch);
            for (int a = 0; a < active.length; a++) {
                int i = active[a];
                int base = a * (samples + 1);
                if (Losses.misclassified(outputs[base], labels[i])) {
                    done[i] = true;
                    continue;
                }
                double[] gradient = new double[d];
                for (int k = 0; k < pairs; k++) {
                    double diff = Losses.margin(outputs[base + 1 + 2 * k], labels[i])
                            - Losses.margin(outputs[base + 2 + 2 * k], labels[i]);
                    byte[] sign = signs[a][k];
                    for (int j = 0; j < d; j++) {
                        gradient[j] += diff * gradientScale[j] * sign[j];
                    }
                }
                float[] next = new float[d];
                for (int j = 0; j < d; j++) {
                    m[i][j] = BETA1 * m[i][j] + (1 - BETA1) * gradient[j];
                    v[i][j] = BETA2 * v[i][j] + (1 - BETA2) * gradient[j] * gradient[j];
                    double mHat = m[i][j] / firstMomentCorrection;
                    double vHat = v[i][j] / secondMomentCorrection;
                    next[j] = (float) (x[i][j] - rate * mHat / (Math.sqrt(vHat) + 1e-8));
                }
                balls[i].project(next);
                x[i] = next;
            }
        }
        return x;
    }
}
