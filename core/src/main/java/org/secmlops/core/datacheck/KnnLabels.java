package org.secmlops.core.datacheck;

import java.util.Locale;

/**
 * kNN label disagreement: the share of a sample's {@code k} nearest neighbours (in the feature or embedding space)
 * whose label differs from its own. A sample is flagged when at least {@code threshold} of its neighbours carry
 * one and the same other label; that label is the suggestion.
 */
final class KnnLabels {
    static final String ID = "knn-labels";

    private KnnLabels() {
    }

    static DetectorResult detect(Neighbours neighbours, int[] labels, int classes, double threshold, String space) {
        int n = labels.length;
        int k = neighbours.k();
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        int[] suggested = DetectorResult.none(n);
        int[] votes = new int[classes];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(votes, 0);
            for (int r = 0; r < k; r++) {
                votes[labels[neighbours.index()[i][r]]]++;
            }
            int other = -1;
            for (int c = 0; c < classes; c++) {
                if (c != labels[i] && (other < 0 || votes[c] > votes[other])) {
                    other = c;
                }
            }
            scores[i] = (double) (k - votes[labels[i]]) / k;
            if (other >= 0 && votes[other] >= threshold * k) {
                flagged[i] = true;
                suggested[i] = other;
            }
        }
        return new DetectorResult(ID, String.format(Locale.ROOT, "%d nearest neighbours in %s; flagged when at least"
                + " %.0f%% of them share another label", k, space, threshold * 100), scores, flagged, suggested);
    }
}
