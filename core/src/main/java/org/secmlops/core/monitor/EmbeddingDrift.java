package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multivariate drift on the PCA embedding: a uniform sample of at most {@value ReferenceBuilder#MMD_SAMPLE} window
 * inputs (reservoir sampling, fixed seed) against the reference's embedding sample, compared by the squared maximum
 * mean discrepancy with a Gaussian kernel ({@code exp(−‖a − b‖² / bandwidth)}, the bandwidth the reference's median
 * squared distance) and a permutation p-value over {@value #PERMUTATIONS} random splits of the pooled sample
 * ({@code (1 + splits at least as large) / (1 + splits)}). Univariate tests miss drift that moves features together.
 */
final class EmbeddingDrift {
    static final int PERMUTATIONS = 500;
    private static final long SEED = 21;

    private final ReferenceStatistics reference;
    private final Embedding embedding;
    private final List<float[]> sample = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(SEED);
    private long seen;

    EmbeddingDrift(ReferenceStatistics reference, Embedding embedding) {
        this.reference = reference;
        this.embedding = embedding;
    }

    void add(float[] input) {
        seen++;
        if (sample.size() < ReferenceBuilder.MMD_SAMPLE) {
            sample.add(input);
        } else {
            long slot = random.nextLong(seen);
            if (slot < ReferenceBuilder.MMD_SAMPLE) {
                sample.set((int) slot, input);
            }
        }
    }

    /** The squared MMD, its p-value and the window sample's size. */
    record Result(double mmd, double pValue, int samples) {
    }

    Result result() {
        float[][] ref = reference.embeddingSample();
        int n = ref.length;
        int m = sample.size();
        float[][] pooled = Arrays.copyOf(ref, n + m);
        for (int i = 0; i < m; i++) {
            pooled[n + i] = embedding.project(sample.get(i));
        }
        int total = n + m;
        double[][] kernel = new double[total][total];
        double bandwidth = reference.bandwidth() > 0 ? reference.bandwidth() : 1;
        for (int i = 0; i < total; i++) {
            kernel[i][i] = 1;
            for (int j = i + 1; j < total; j++) {
                double k = Math.exp(-Embedding.squaredDistance(pooled[i], pooled[j]) / bandwidth);
                kernel[i][j] = k;
                kernel[j][i] = k;
            }
        }
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        double observed = mmd(kernel, order, n, m);
        SplittableRandom shuffle = new SplittableRandom(SEED + 1);
        int atLeast = 0;
        for (int p = 0; p < PERMUTATIONS; p++) {
            for (int i = total - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            if (mmd(kernel, order, n, m) >= observed) {
                atLeast++;
            }
        }
        return new Result(observed, (1.0 + atLeast) / (1.0 + PERMUTATIONS), m);
    }

    /** The biased squared MMD of the first {@code n} indexes of {@code order} against the next {@code m}. */
    private static double mmd(double[][] kernel, int[] order, int n, int m) {
        double[] weight = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            weight[order[i]] = i < n ? 1.0 / n : -1.0 / m;
        }
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            double[] row = kernel[i];
            double r = 0;
            for (int j = 0; j < weight.length; j++) {
                r += row[j] * weight[j];
            }
            s += weight[i] * r;
        }
        return s;
    }

    /** The median squared distance between the rows (1 where all coincide). */
    static double medianSquaredDistance(float[][] rows) {
        int n = rows.length;
        double[] d = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[k++] = Embedding.squaredDistance(rows[i], rows[j]);
            }
        }
        if (d.length == 0) {
            return 1;
        }
        Arrays.sort(d);
        double median = d[d.length / 2];
        return median > 0 ? median : 1;
    }
}
