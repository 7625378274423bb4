package org.secmlops.core.robustness.defense;

import java.util.SplittableRandom;
import org.secmlops.core.robustness.InputBounds;

/**
 * Randomized input noise: Gaussian noise with a standard deviation given as a fraction of each value's valid range,
 * clipped back into the range; a fresh draw for every prediction.
 */
public final class GaussianNoise implements InputTransform {
    private final double sigma;
    private final InputBounds bounds;

    /**
     * @param sigma  the standard deviation as a fraction of the valid range, in (0, 1]
     * @param bounds the valid input range
     */
    public GaussianNoise(double sigma, InputBounds bounds) {
        if (!(sigma > 0 && sigma <= 1)) {
            throw new IllegalArgumentException("noise sigma must be in (0, 1] (a fraction of the valid range), was "
                    + sigma);
        }
        this.sigma = sigma;
        this.bounds = bounds;
    }

    @Override
    public float[] apply(float[] x, SplittableRandom random) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double noisy = x[i] + random.nextGaussian() * sigma * bounds.span(i);
            out[i] = (float) Math.min(bounds.high(i), Math.max(bounds.low(i), noisy));
        }
        return out;
    }

    @Override
    public boolean randomized() {
        return true;
    }

    /** One draw: the gradient at a single noisy copy, passed through where the clip did not bind. */
    @Override
    public float[] naiveBackward(float[] x, float[] upstream) {
        return upstream.clone();
    }
}
