package org.secmlops.core.monitor;

/**
 * What "normal" traffic looks like, computed once from the approved reference data and cached (see
 * {@link ReferenceCache}). All values are of the preprocessed input, as the model takes it.
 *
 * @param digest          SHA-256 of the reference data, its reading options, the model and {@link #VERSION}
 * @param description     what the reference is
 * @param samples         reference samples read
 * @param width           values per input
 * @param edges           per feature, the distinct values at the reference's percentiles 1..99, ascending
 * @param cdf             per feature, the reference's share at or below each edge
 * @param decile          per feature and percentile bin ({@code edges.length + 1} bins), its decile bin
 * @param decileShares    per feature, the reference's share per decile bin
 * @param centre          the PCA centre
 * @param components      the PCA components, one unit row each
 * @param embeddingSample embeddings of up to {@value ReferenceBuilder#MMD_SAMPLE} reference samples
 * @param bandwidth       the squared RBF kernel bandwidth: the median squared distance within the sample
 * @param classShares     the share per class: of the model's predictions with a model, else of the labels
 * @param meanConfidence  the model's mean top probability on the reference sample, {@code NaN} without a model
 * @param attackThreshold the neighbour distance below which a query counts as close (see {@link AttackDetector})
 * @param inputLow        the smallest value of the reference sample (the squeezers' range)
 * @param inputHigh       the largest value of the reference sample
 * @param distanceScores  the embedding-distance scores of reference samples outside the embedding sample,
 *                        ascending (see {@link AdversarialInputs})
 * @param squeezeScores   the feature-squeezing scores of reference samples, ascending; empty without a model
 */
public record ReferenceStatistics(String digest, String description, long samples, int width, float[][] edges,
        double[][] cdf, int[][] decile, double[][] decileShares, float[] centre, float[][] components,
        float[][] embeddingSample, double bandwidth, double[] classShares, double meanConfidence,
        double attackThreshold, float inputLow, float inputHigh, double[] distanceScores, double[] squeezeScores) {
    /** The version of the statistics' computation, part of the digest. */
    public static final String VERSION = "monitor-reference-2";

    /** The dimension of the PCA embedding. */
    public int dimensions() {
        return components.length;
    }
}
