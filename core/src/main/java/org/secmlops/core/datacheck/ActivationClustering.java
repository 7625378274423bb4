package org.secmlops.core.datacheck;

import java.util.Locale;

/**
 * Activation clustering (Chen et al., 2018): per class, the centred representations are reduced to their top
 * {@value #DIMENSIONS} principal components and split by 2-means (started at the two extremes along the first
 * component, so it is deterministic). When the smaller cluster holds at most {@code maxRelativeSize} of the class
 * and at least {@link #minGroup} and {@value #MIN_CLUSTER} samples, and is well separated (mean simplified silhouette
 * {@code (b − a) / max(a, b)} of its members, a and b their distances to their own and the other centroid, at least
 * {@code minSilhouette}), its members are flagged as
 * poisoned. A member's score is its silhouette times one minus the relative size; samples of the large cluster
 * score 0.
 */
final class ActivationClustering {
    static final String ID = "activation-clustering";
    static final int DIMENSIONS = 10;
    /**
     * The smallest cluster flagged: smaller well-separated clusters are as often a few odd samples of a clean class
     * (seen on a network's activations of clean digits); {@link TriggerPatches} finds smaller trigger groups.
     */
    static final int MIN_CLUSTER = 10;
    private static final int ITERATIONS = 100;

    private ActivationClustering() {
    }

    static DetectorResult detect(float[][] x, int[] labels, int classes, double maxRelativeSize, double minSilhouette,
            long seed, String space) {
        int n = labels.length;
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        int[][] members = ClassMembers.of(labels, classes);
        StringBuilder classesFlagged = new StringBuilder();
        for (int c = 0; c < classes; c++) {
            int[] m = members[c];
            if (m.length < SpectralSignatures.MIN_CLASS) {
                continue;
            }
            double[][] centred = ClassMembers.centred(x, m);
            int dims = Math.min(DIMENSIONS, centred[0].length);
            double[][] axes = Pca.topEigenvectors(ClassMembers.covariance(centred), dims, seed + c);
            double[][] z = new double[m.length][dims];
            for (int r = 0; r < m.length; r++) {
                for (int a = 0; a < dims; a++) {
                    z[r][a] = Linear.dot(centred[r], axes[a]);
                }
            }
            int[] cluster = twoMeans(z);
            int ones = 0;
            for (int v : cluster) {
                ones += v;
            }
            int small = ones * 2 <= m.length ? 1 : 0;
            int smallSize = small == 1 ? ones : m.length - ones;
            if (smallSize == 0) {
                continue;
            }
            double[][] centroids = centroids(z, cluster);
            double relative = (double) smallSize / m.length;
            double silhouetteSum = 0;
            double[] silhouette = new double[m.length];
            for (int r = 0; r < m.length; r++) {
                double a = Math.sqrt(squared(z[r], centroids[cluster[r]]));
                double b = Math.sqrt(squared(z[r], centroids[1 - cluster[r]]));
                silhouette[r] = Math.max(a, b) == 0 ? 0 : (b - a) / Math.max(a, b);
                if (cluster[r] == small) {
                    silhouetteSum += silhouette[r];
                }
            }
            double meanSilhouette = silhouetteSum / smallSize;
            boolean poisoned = relative <= maxRelativeSize && smallSize >= Math.max(MIN_CLUSTER, minGroup(m.length))
                    && meanSilhouette >= minSilhouette;
            if (poisoned) {
                classesFlagged.append(classesFlagged.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "class %d (%d samples, %.1f%%, silhouette %.2f)", c, smallSize, 100 * relative,
                        meanSilhouette));
            }
            for (int r = 0; r < m.length; r++) {
                if (cluster[r] == small) {
                    scores[m[r]] = ConfidentLearning.clamp(silhouette[r] * (1 - relative));
                    flagged[m[r]] = poisoned;
                }
            }
        }
        return new DetectorResult(ID, String.format(Locale.ROOT, "per class, 2-means on the top %d principal"
                        + " components of %s; the smaller cluster is flagged when it holds at most %.0f%% of the class"
                        + " and its mean silhouette is at least %.2f; flagged: %s", DIMENSIONS, space,
                maxRelativeSize * 100, minSilhouette, classesFlagged.length() == 0 ? "none" : classesFlagged),
                scores, flagged, DetectorResult.none(n));
    }

    /** The smallest poisoned group: 3 samples and 0.5% of the class (single odd samples are outliers). */
    static int minGroup(int classSize) {
        return Math.max(3, (int) Math.ceil(0.005 * classSize));
    }

    static int[] twoMeans(double[][] z) {
        int n = z.length;
        int lo = 0;
        int hi = 0;
        for (int r = 1; r < n; r++) {
            if (z[r][0] < z[lo][0]) {
                lo = r;
            }
            if (z[r][0] > z[hi][0]) {
                hi = r;
            }
        }
        double[][] centroids = {z[lo].clone(), z[hi].clone()};
        int[] cluster = new int[n];
        for (int it = 0; it < ITERATIONS; it++) {
            org.secmlops.core.run.Cancellation.check();
            boolean changed = false;
            for (int r = 0; r < n; r++) {
                int c = squared(z[r], centroids[1]) < squared(z[r], centroids[0]) ? 1 : 0;
                if (c != cluster[r] || it == 0) {
                    changed |= c != cluster[r];
                    cluster[r] = c;
                }
            }
            if (!changed && it > 0) {
                break;
            }
            double[][] next = centroids(z, cluster);
            for (int c = 0; c < 2; c++) {
                if (next[c] != null) {
                    centroids[c] = next[c];
                }
            }
        }
        return cluster;
    }

    private static double[][] centroids(double[][] z, int[] cluster) {
        int d = z[0].length;
        double[][] sum = new double[2][d];
        int[] count = new int[2];
        for (int r = 0; r < z.length; r++) {
            count[cluster[r]]++;
            for (int a = 0; a < d; a++) {
                sum[cluster[r]][a] += z[r][a];
            }
        }
        double[][] out = new double[2][];
        for (int c = 0; c < 2; c++) {
            if (count[c] > 0) {
                for (int a = 0; a < d; a++) {
                    sum[c][a] /= count[c];
                }
                out[c] = sum[c];
            }
        }
        return out;
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
