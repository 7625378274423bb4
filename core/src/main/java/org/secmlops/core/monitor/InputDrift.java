package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.secmlops.core.capability.monitor.DriftedFeature;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.datacheck.FeatureDrift;

/**
 * Per-feature drift of the window against the reference, streamed: each input adds one count per feature to the
 * bin between the reference's percentiles it falls in, so memory is {@code width × 100} counts whatever the
 * window's length. PSI is over the reference's deciles (as the data check computes it: empty bins floored at
 * 0.0001); KS is the largest gap between the two distribution functions at the reference's percentiles (exact for
 * values on the percentile grid, such as pixels, a lower bound otherwise), its p-value the data check's.
 */
final class InputDrift {
    static final int TOP = 20;
    private static final double FLOOR = 1e-4;
    /** Inputs counted together, feature by feature on all cores. */
    private static final int BLOCK = 512;

    private final ReferenceStatistics reference;
    private final int[][] counts;
    private final float[][] block = new float[BLOCK][];
    private int pending;
    private long records;

    InputDrift(ReferenceStatistics reference) {
        this.reference = reference;
        counts = new int[reference.width()][];
        for (int j = 0; j < counts.length; j++) {
            counts[j] = new int[reference.edges()[j].length + 1];
        }
    }

    void add(float[] input) {
        block[pending++] = input;
        records++;
        if (pending == BLOCK) {
            flush();
        }
    }

    /** Counts the inputs held back. */
    void flush() {
        int n = pending;
        float[][] edges = reference.edges();
        IntStream.range(0, counts.length).parallel().forEach(j -> {
            int[] c = counts[j];
            float[] e = edges[j];
            for (int i = 0; i < n; i++) {
                c[bin(e, block[i][j])]++;
            }
        });
        Arrays.fill(block, 0, n, null);
        pending = 0;
    }

    /** The bin of a value: the number of edges below it. */
    private static int bin(float[] edges, float value) {
        if (edges.length == 0 || value <= edges[0]) {
            return 0;
        }
        int lo = 1;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The drift of every feature, most drifted first. */
    List<DriftedFeature> features() {
        flush();
        List<DriftedFeature> all = new ArrayList<>(counts.length);
        for (int j = 0; j < counts.length; j++) {
            all.add(feature(j));
        }
        all.sort(Comparator.comparingDouble(DriftedFeature::psi).reversed().thenComparingInt(DriftedFeature::feature));
        return all;
    }

    private DriftedFeature feature(int j) {
        int[] c = counts[j];
        double[] expected = reference.decileShares()[j];
        double[] actual = new double[expected.length];
        int[] decile = reference.decile()[j];
        double[] cdf = reference.cdf()[j];
        double ks = 0;
        long cumulative = 0;
        for (int b = 0; b < c.length; b++) {
            actual[decile[b]] += (double) c[b] / records;
            cumulative += c[b];
            if (b < cdf.length) {
                ks = Math.max(ks, Math.abs(cdf[b] - (double) cumulative / records));
            }
        }
        double psi = 0;
        for (int b = 0; b < expected.length; b++) {
            double e = Math.max(expected[b], FLOOR);
            double a = Math.max(actual[b], FLOOR);
            psi += (a - e) * Math.log(a / e);
        }
        return new DriftedFeature(j, psi, ks, FeatureDrift.pValue(ks,
                Math.min(reference.samples(), ReferenceBuilder.RESERVOIR), records));
    }

    /** Features with PSI above {@link MonitorCapability#MAJOR_DRIFT_PSI}. */
    static int drifted(List<DriftedFeature> features) {
        return (int) features.stream().filter(f -> f.psi() > MonitorCapability.MAJOR_DRIFT_PSI).count();
    }
}
