package org.secmlops.core.robustness;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.Outputs;

/**
 * Certifies the Gaussian-smoothed classifier {@code g(x) = argmax_c P(f(x + N(0, σ²I)) = c)} (Cohen et al. 2019,
 * CERTIFY): the top class of {@code n0} noisy copies is the guess {@code ĉ}; with {@code n} fresh copies, {@code
 * p_lower} is the one-sided Clopper–Pearson lower bound of {@code P(f = ĉ)} at confidence {@code 1 − alpha}. If
 * {@code p_lower > 1/2} the prediction {@code ĉ} is certified within the L2 radius {@code σ Φ⁻¹(p_lower)},
 * otherwise the smoothed classifier abstains. The noise is not clipped (the certificate is about the unclipped
 * smoothed classifier).
 */
final class RandomizedSmoothing {
    private final SmoothingConfig config;
    private final int batchSize;

    RandomizedSmoothing(SmoothingConfig config, int batchSize) {
        this.config = config;
        this.batchSize = batchSize;
    }

    /** A certificate: the prediction (−1 to abstain) and its radius (−1 when abstaining). */
    record Certificate(int prediction, double radius) {
    }

    Certificate certify(AttackTarget target, float[] x, int classes, SplittableRandom random)
            throws ModelException, InterruptedException {
        long[] guessCounts = counts(target, x, config.n0(), classes, random);
        int guess = 0;
        for (int c = 1; c < classes; c++) {
            if (guessCounts[c] > guessCounts[guess]) {
                guess = c;
            }
        }
        long[] counts = counts(target, x, config.n(), classes, random);
        double lower = Statistics.clopperPearsonLower(counts[guess], config.n(), config.alpha());
        if (lower <= 0.5) {
            return new Certificate(-1, -1);
        }
        return new Certificate(guess, config.sigma() * Statistics.normalQuantile(lower));
    }

    private long[] counts(AttackTarget target, float[] x, int samples, int classes, SplittableRandom random)
            throws ModelException, InterruptedException {
        long[] counts = new long[classes];
        for (int start = 0; start < samples; start += batchSize) {
            int size = Math.min(batchSize, samples - start);
            float[][] batch = new float[size][x.length];
            for (float[] row : batch) {
                for (int j = 0; j < x.length; j++) {
                    row[j] = (float) (x[j] + config.sigma() * random.nextGaussian());
                }
            }
            for (float[] outputs : target.predict(batch)) {
                counts[Outputs.argmax(Arrays.copyOf(outputs, classes))]++;
            }
        }
        return counts;
    }
}
