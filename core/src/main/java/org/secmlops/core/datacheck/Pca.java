package org.secmlops.core.datacheck;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * Principal component analysis by subspace iteration on the covariance matrix. The covariance is estimated from at
 * most {@value #MAX_ROWS} evenly spaced rows, so the cost is bounded whatever the number of samples;
 * the projection covers all rows.
 */
public final class Pca {
    static final int MAX_ROWS = 10_000;
    private static final int ITERATIONS = 40;
    private static final int CHUNKS = 8;

    /** The centre and the components, one unit row per component, strongest first. */
    final double[] mean;
    final double[][] components;

    private Pca(double[] mean, double[][] components) {
        this.mean = mean;
        this.components = components;
    }

    /** The evenly spaced rows, at most {@value #MAX_ROWS} of {@code n}, that a fit uses. */
    static int[] sampleRows(int n) {
        int step = Math.max(1, (n + MAX_ROWS - 1) / MAX_ROWS);
        return IntStream.iterate(0, i -> i < n, i -> i + step).toArray();
    }

    /**
     * Fits {@code k} components (at most the width) to the scaled rows of a matrix: only the
     * {@link #sampleRows(int) sampled rows} are read, so this equals {@link #fit(float[][], int, long)} on all rows.
     */
    static Pca fit(FeatureMatrix raw, FeatureScaling scaling, int k, long seed) {
        return fit(scaling.rows(raw, sampleRows(raw.size())), k, seed);
    }

    /** Fits {@code k} components (at most the width) to the rows. */
    public static Pca fit(float[][] x, int k, long seed) {
        int n = x.length;
        int d = x[0].length;
        k = Math.min(k, d);
        int[] rows = sampleRows(n);
        double[] mean = new double[d];
        for (int r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[r][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        double[][] cov = covariance(x, rows, mean);
        return new Pca(mean, topEigenvectors(cov, k, seed));
    }

    private static double[][] covariance(float[][] x, int[] rows, double[] mean) {
        int d = mean.length;
        // a fixed number of partial sums, added in order: the result does not depend on the thread count
        int threads = Math.max(1, Math.min(CHUNKS, rows.length / 256 + 1));
        double[][][] partial = new double[threads][][];
        IntStream.range(0, threads).parallel().forEach(t -> {
            org.secmlops.core.run.Cancellation.check();
            double[][] c = new double[d][d];
            double[] centred = new double[d];
            for (int r = t; r < rows.length; r += threads) {
                float[] row = x[rows[r]];
                for (int j = 0; j < d; j++) {
                    centred[j] = row[j] - mean[j];
                }
                for (int a = 0; a < d; a++) {
                    double va = centred[a];
                    if (va == 0) {
                        continue;
                    }
                    double[] ca = c[a];
                    for (int b = a; b < d; b++) {
                        ca[b] += va * centred[b];
                    }
                }
            }
            partial[t] = c;
        });
        double[][] cov = new double[d][d];
        for (double[][] c : partial) {
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] += c[a][b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= rows.length;
                cov[b][a] = cov[a][b];
            }
        }
        return cov;
    }

    /** The top {@code k} eigenvectors of a symmetric positive semi-definite matrix, by subspace iteration. */
    static double[][] topEigenvectors(double[][] m, int k, long seed) {
        int d = m.length;
        Random random = new Random(seed);
        double[][] v = new double[k][d];
        for (double[] row : v) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
        }
        orthonormalize(v);
        for (int it = 0; it < ITERATIONS; it++) {
            org.secmlops.core.run.Cancellation.check();
            double[][] w = new double[k][];
            for (int c = 0; c < k; c++) {
                w[c] = multiply(m, v[c]);
            }
            orthonormalize(w);
            v = w;
        }
        // Rayleigh quotients order the components, strongest first
        double[] lambda = new double[k];
        for (int c = 0; c < k; c++) {
            lambda[c] = Linear.dot(v[c], multiply(m, v[c]));
        }
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, (a, b) -> Double.compare(lambda[b], lambda[a]));
        double[][] sorted = new double[k][];
        for (int c = 0; c < k; c++) {
            sorted[c] = v[order[c]];
        }
        return sorted;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int a = 0; a < m.length; a++) {
            out[a] = Linear.dot(m[a], v);
        }
        return out;
    }

    /**
     * Modified Gram-Schmidt; a vector that collapses is replaced by the next unit axis, until one is not yet spanned
     * (one always is while there are fewer vectors than dimensions).
     */
    static void orthonormalize(double[][] v) {
        int dimensions = v.length == 0 ? 0 : v[0].length;
        if (v.length > dimensions) {
            throw new IllegalArgumentException(v.length + " orthonormal vectors cannot exist in " + dimensions
                    + " dimensions");
        }
        for (int c = 0; c < v.length; c++) {
            for (int axis = c; ; axis++) {
                for (int p = 0; p < c; p++) {
                    double dot = Linear.dot(v[c], v[p]);
                    for (int j = 0; j < dimensions; j++) {
                        v[c][j] -= dot * v[p][j];
                    }
                }
                double norm = Math.sqrt(Linear.dot(v[c], v[c]));
                if (norm >= 1e-12) {
                    for (int j = 0; j < dimensions; j++) {
                        v[c][j] /= norm;
                    }
                    break;
                }
                java.util.Arrays.fill(v[c], 0);
                v[c][axis % dimensions] = 1;
            }
        }
    }

    /** The centre of the fitted rows (a copy). */
    public double[] centre() {
        return mean.clone();
    }

    /** The components, one unit row per component, strongest first (a copy). */
    public double[][] unitComponents() {
        double[][] out = new double[components.length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = components[c].clone();
        }
        return out;
    }

    /** Projects every row onto the components. */
    float[][] project(float[][] x) {
        float[][] out = new float[x.length][];
        IntStream.range(0, x.length).parallel().forEach(i -> out[i] = project(x[i]));
        return out;
    }

    /** Projects every row of a matrix, scaled one row at a time, onto the components. */
    float[][] project(FeatureMatrix raw, FeatureScaling scaling) {
        float[][] out = new float[raw.size()][];
        IntStream.range(0, raw.size()).parallel().forEach(i -> out[i] = project(scaling.row(raw, i)));
        return out;
    }

    private float[] project(float[] row) {
        int k = components.length;
        float[] out = new float[k];
        for (int c = 0; c < k; c++) {
            double[] comp = components[c];
            double s = 0;
            for (int j = 0; j < row.length; j++) {
                s += (row[j] - mean[j]) * comp[j];
            }
            out[c] = (float) s;
        }
        return out;
    }
}
