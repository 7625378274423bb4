package org.secmlops.core.datacheck;

import java.util.Locale;

/**
 * Spectral signatures (Tran, Li and Madry, NeurIPS 2018): per class, the representations are centred and the top
 * right singular vector {@code v} is found by power iteration; a sample's outlier score is its squared projection
 * {@code ((r − mean)·v)²}. Poisoned samples that share a trigger move together along {@code v}, so their scores
 * stand out. A sample is flagged when its score exceeds {@code factor} times the class's median score (under a
 * Gaussian class, {@code factor} 25 is exceeded by fewer than 1 in 1000 samples). The reported score is
 * {@code s / (s + factor × median)}, 0.5 at the threshold.
 */
final class SpectralSignatures {
    static final String ID = "spectral-signature";
    static final int MIN_CLASS = 10;

    private SpectralSignatures() {
    }

    static DetectorResult detect(float[][] x, int[] labels, int classes, double factor, long seed, String space) {
        int n = labels.length;
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        int[][] members = ClassMembers.of(labels, classes);
        for (int c = 0; c < classes; c++) {
            int[] m = members[c];
            if (m.length < MIN_CLASS) {
                continue;
            }
            double[][] centred = ClassMembers.centred(x, m);
            double[] v = Pca.topEigenvectors(ClassMembers.covariance(centred), 1, seed + c)[0];
            double[] s = new double[m.length];
            for (int r = 0; r < m.length; r++) {
                double proj = Linear.dot(centred[r], v);
                s[r] = proj * proj;
            }
            double limit = factor * Linear.median(s);
            for (int r = 0; r < m.length; r++) {
                scores[m[r]] = limit > 0 ? s[r] / (s[r] + limit) : 0;
                flagged[m[r]] = limit > 0 && s[r] > limit;
            }
        }
        return new DetectorResult(ID, String.format(Locale.ROOT, "per class, squared projection on the top singular"
                + " vector of %s; flagged above %.0f x the class median", space, factor), scores, flagged,
                DetectorResult.none(n));
    }
}
