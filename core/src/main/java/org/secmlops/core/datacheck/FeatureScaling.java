package org.secmlops.core.datacheck;

import java.util.stream.IntStream;

/**
 * Puts raw features on a common scale for the detectors: 8-bit pixels are divided by 255 (pixels keep their
 * relative weight); other data is standardized per feature (zero mean, unit variance; a constant feature
 * becomes 0), so that no feature dominates distances by its unit. The statistics take two passes over the rows;
 * scaled rows are then made one at a time, so no scaled copy of a large table is needed.
 */
final class FeatureScaling {
    private final boolean eightBit;
    private final double[] mean;
    private final float[] inv;

    private FeatureScaling(boolean eightBit, double[] mean, float[] inv) {
        this.eightBit = eightBit;
        this.mean = mean;
        this.inv = inv;
    }

    /** The scaling of a data set: its per-feature statistics, unless it holds 8-bit pixels. */
    static FeatureScaling of(DataTable data) {
        if (data.eightBit()) {
            return new FeatureScaling(true, null, null);
        }
        FeatureMatrix raw = data.features();
        int n = raw.size();
        int d = raw.width();
        float[] row = new float[d];
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (int i = 0; i < n; i++) {
            raw.copyRow(i, row);
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            raw.copyRow(i, row);
            for (int j = 0; j < d; j++) {
                double v = row[j] - mean[j];
                sq[j] += v * v;
            }
        }
        float[] inv = new float[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(sq[j] / n);
            inv[j] = std > 1e-12 * Math.max(1, Math.abs(mean[j])) ? (float) (1 / std) : 0f;
        }
        return new FeatureScaling(false, mean, inv);
    }

    /** Every row scaled, on the heap. */
    static float[][] scale(DataTable data) {
        return of(data).all(data.features());
    }

    /** Scales one raw row into {@code out} (which may be the same array). */
    void apply(float[] raw, float[] out) {
        if (eightBit) {
            for (int j = 0; j < raw.length; j++) {
                out[j] = raw[j] / 255f;
            }
            return;
        }
        for (int j = 0; j < raw.length; j++) {
            out[j] = (float) ((raw[j] - mean[j]) * inv[j]);
        }
    }

    /** Row {@code i} of the matrix, scaled. */
    float[] row(FeatureMatrix raw, int i) {
        float[] out = raw.row(i);
        apply(out, out);
        return out;
    }

    /** The given rows, scaled, in order. */
    float[][] rows(FeatureMatrix raw, int[] rows) {
        float[][] out = new float[rows.length][];
        IntStream.range(0, rows.length).parallel().forEach(r -> out[r] = row(raw, rows[r]));
        return out;
    }

    /** Every row, scaled. */
    float[][] all(FeatureMatrix raw) {
        return rows(raw, IntStream.range(0, raw.size()).toArray());
    }

    /** The Euclidean distance between two rows after scaling. */
    double distance(FeatureMatrix raw, int a, int b) {
        return Math.sqrt(Linear.squaredDistance(row(raw, a), row(raw, b)));
    }
}
