package org.secmlops.core.datacheck;

import java.util.Arrays;

/** Brute-force nearest neighbours of one row, for checking faster searches. */
final class ExactSearch {
    private ExactSearch() {
    }

    /** The {@code k} rows nearest to row {@code q} (itself excluded), nearest first, lower index first on ties. */
    static int[] nearest(float[][] x, int q, int k) {
        double[] best = new double[k];
        int[] index = new int[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int j = 0; j < x.length; j++) {
            double d = Linear.squaredDistance(x[q], x[j]);
            if (j == q || d >= best[k - 1]) {
                continue;
            }
            int pos = k - 1;
            while (pos > 0 && best[pos - 1] > d) {
                best[pos] = best[pos - 1];
                index[pos] = index[pos - 1];
                pos--;
            }
            best[pos] = d;
            index[pos] = j;
        }
        return index;
    }
}
