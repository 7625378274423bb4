package org.secmlops.core.datacheck;

import java.util.Arrays;

/**
 * The drift of one feature against a trusted reference data set.
 *
 * @param feature the 0-based feature (column or pixel) index
 * @param name    the feature's name: its CSV column name where the data has a header, else {@code feature N}
 * @param psi     population stability index over the reference's deciles (empty bins floored at 0.0001):
 *                {@code Σ (a − e) ln(a / e)}; below 0.1 is usually read as stable, above 0.25 as a major shift
 * @param ks      two-sample Kolmogorov–Smirnov statistic: the largest gap between the two empirical distribution
 *                functions (0..1)
 * @param pValue  the asymptotic p-value of {@code ks} (Kolmogorov distribution, Stephens' small-sample correction)
 */
public record FeatureDrift(int feature, String name, double psi, double ks, double pValue) {
    private static final double FLOOR = 1e-4;
    private static final int BINS = 10;

    /** The drift of one column; both arrays are sorted in place. */
    static FeatureDrift of(int feature, String name, float[] reference, float[] current) {
        Arrays.sort(reference);
        Arrays.sort(current);
        double d = kolmogorovSmirnov(reference, current);
        return new FeatureDrift(feature, name, populationStability(reference, current), d,
                pValue(d, reference.length, current.length));
    }

    /** PSI with bins cut at the reference's deciles (equal cut points merged). Both arrays sorted. */
    static double populationStability(float[] reference, float[] current) {
        float[] edges = new float[BINS - 1];
        int count = 0;
        for (int q = 1; q < BINS; q++) {
            int rank = (int) Math.min(reference.length - 1, Math.floor(q * (double) reference.length / BINS));
            float edge = reference[rank];
            if (count == 0 || edge > edges[count - 1]) {
                edges[count++] = edge;
            }
        }
        edges = Arrays.copyOf(edges, count);
        double[] e = shares(reference, edges);
        double[] a = shares(current, edges);
        double psi = 0;
        for (int b = 0; b < e.length; b++) {
            double ei = Math.max(e[b], FLOOR);
            double ai = Math.max(a[b], FLOOR);
            psi += (ai - ei) * Math.log(ai / ei);
        }
        return psi;
    }

    /** The share of values per bin; bin {@code b} holds values in {@code (edges[b-1], edges[b]]}. */
    private static double[] shares(float[] sorted, float[] edges) {
        double[] share = new double[edges.length + 1];
        int previous = 0;
        for (int b = 0; b < edges.length; b++) {
            int upTo = upperBound(sorted, edges[b]);
            share[b] = (double) (upTo - previous) / sorted.length;
            previous = upTo;
        }
        share[edges.length] = (double) (sorted.length - previous) / sorted.length;
        return share;
    }

    /** The number of values ≤ {@code value}. */
    private static int upperBound(float[] sorted, float value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The KS statistic of two sorted samples. */
    static double kolmogorovSmirnov(float[] a, float[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            float v = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= v) {
                i++;
            }
            while (j < b.length && b[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    /** The asymptotic p-value: {@code Q_KS((√n + 0.12 + 0.11/√n) d)}, {@code n = n1 n2 / (n1 + n2)}. */
    public static double pValue(double d, long n1, long n2) {
        double n = (double) n1 * n2 / (n1 + n2);
        double lambda = (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * d;
        if (lambda < 0.2) {
            return 1;
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = 2 * (k % 2 == 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.abs(term) < 1e-12) {
                break;
            }
        }
        return Math.max(0, Math.min(1, sum));
    }
}
