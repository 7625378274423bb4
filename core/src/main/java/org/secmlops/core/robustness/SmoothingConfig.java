package org.secmlops.core.robustness;

import java.util.List;

/**
 * Randomized smoothing certification settings (Cohen et al. 2019).
 *
 * @param sigma  standard deviation of the Gaussian noise, in input-space units, positive
 * @param n0     noisy samples to pick the predicted class
 * @param n      noisy samples to bound its probability
 * @param alpha  the certificate's failure probability (Clopper–Pearson one-sided confidence 1 − alpha)
 * @param radii  L2 radii at which certified accuracy is reported; the largest is the gate metric's
 */
public record SmoothingConfig(double sigma, int n0, int n, double alpha, List<Double> radii) {
    public SmoothingConfig {
        radii = List.copyOf(radii);
        if (!(sigma > 0) || !Double.isFinite(sigma) || n0 <= 0 || n <= 0 || !(alpha > 0 && alpha < 1)
                || radii.isEmpty() || radii.stream().anyMatch(r -> !(r >= 0) || !Double.isFinite(r))) {
            throw new IllegalArgumentException("smoothing needs sigma > 0, n0 > 0, n > 0, 0 < alpha < 1 and radii"
                    + " >= 0");
        }
    }

    /** σ with the small defaults n0 = 32, n = 256, alpha = 0.001 and radii 0, 0.1, 0.25. */
    public static SmoothingConfig of(double sigma) {
        return new SmoothingConfig(sigma, 32, 256, 0.001, List.of(0.0, 0.1, 0.25));
    }
}
