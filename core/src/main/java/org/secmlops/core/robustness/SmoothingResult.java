package org.secmlops.core.robustness;

import java.util.List;

/**
 * Randomized smoothing certification results.
 *
 * @param sigma         the noise's standard deviation
 * @param n0            noisy samples for the guess
 * @param n             noisy samples for the bound
 * @param alpha         failure probability of the certificates
 * @param points        certified accuracy per radius
 * @param abstainRate   share of samples on which the smoothed classifier abstained
 * @param meanRadius    mean certified radius of the correct, certified predictions; null when there are none
 * @param seconds       wall time
 * @param forwardPasses samples run forward
 */
public record SmoothingResult(double sigma, int n0, int n, double alpha, List<CertifiedPoint> points,
        double abstainRate, Double meanRadius, double seconds, long forwardPasses) {
    public SmoothingResult {
        points = List.copyOf(points);
    }
}
