package org.secmlops.core.poison;

/**
 * Puts raw features on a common scale for the detectors: 8-bit pixels are divided by 255 (pixels keep their
 * relative weight); other data is standardized per feature (zero mean, unit variance; a constant feature
 * becomes 0), so that no feature dominates distances by its unit.
 */
final class FeatureScaling {
    private FeatureScaling() {
    }

    static float[][] scale(DataTable data) {
        float[][] raw = data.features();
        int n = raw.length;
        int d = data.width();
        float[][] out = new float[n][d];
        if (data.eightBit()) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] = raw[i][j] / 255f;
                }
            }
            return out;
        }
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (float[] row : raw) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (float[] row : raw) {
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
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = (float) ((raw[i][j] - mean[j]) * inv[j]);
            }
        }
        return out;
    }
}
