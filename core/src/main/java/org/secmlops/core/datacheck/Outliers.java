package org.secmlops.core.datacheck;

import java.util.Locale;

/**
 * Outliers by k-nearest-neighbour distance: a sample's score is its mean distance to its {@code k} neighbours; it is
 * flagged when the logarithm of that distance lies more than {@code z} robust standard deviations (1.4826 × MAD)
 * above the median. The reported score maps the robust z-score {@code r} onto [0, 1] as {@code r / (r + z)} for
 * {@code r > 0}.
 */
final class Outliers {
    static final String ID = "outlier";

    private Outliers() {
    }

    static DetectorResult detect(Neighbours neighbours, double z, String space) {
        int n = neighbours.index().length;
        double[] logDistance = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (float d : neighbours.distance()[i]) {
                sum += d;
            }
            logDistance[i] = Math.log(sum / neighbours.k() + 1e-12);
        }
        double median = Linear.median(logDistance);
        double[] deviation = new double[n];
        for (int i = 0; i < n; i++) {
            deviation[i] = Math.abs(logDistance[i] - median);
        }
        double sigma = 1.4826 * Linear.median(deviation);
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        for (int i = 0; i < n; i++) {
            double robust = sigma > 0 ? (logDistance[i] - median) / sigma : 0;
            scores[i] = robust > 0 ? robust / (robust + z) : 0;
            flagged[i] = robust > z;
        }
        return new DetectorResult(ID, String.format(Locale.ROOT, "mean distance to the %d nearest neighbours in %s;"
                + " flagged above %.1f robust standard deviations (log scale)", neighbours.k(), space, z), scores,
                flagged, DetectorResult.none(n));
    }
}
