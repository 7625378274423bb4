package org.secmlops.core.datacheck;

/**
 * The parameters of a data check. {@link #defaults()} gives the documented defaults; derive variants with the
 * {@code with...} methods.
 *
 * @param folds              cross-validation folds for out-of-sample probabilities (at least 2)
 * @param k                  neighbours for kNN label disagreement, near duplicates and outliers (at least 1)
 * @param seed               seeds every random choice (folds, shuffles, power iterations)
 * @param maxSuspects        how many top suspects the report lists (at least 0)
 * @param knnThreshold       share of the neighbours that must agree on another label to flag a sample (0..1]
 * @param spectralFactor     spectral signatures flag scores above this many class medians
 * @param clusterMaxSize     activation clustering flags a cluster of at most this share of its class
 * @param clusterSilhouette  ... whose mean silhouette is at least this
 * @param nearFactor         near duplicates are closer than this times the median nearest-neighbour distance
 * @param outlierZ           outliers lie this many robust standard deviations above the median kNN distance
 * @param embeddingDims      without a model, data wider than this is reduced to this many principal components
 */
public record DataCheckOptions(int folds, int k, long seed, int maxSuspects, double knnThreshold,
        double spectralFactor, double clusterMaxSize, double clusterSilhouette, double nearFactor, double outlierZ,
        int embeddingDims) {
    public DataCheckOptions {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, was " + folds);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        if (maxSuspects < 0) {
            throw new IllegalArgumentException("max suspects must not be negative, was " + maxSuspects);
        }
        if (!(knnThreshold > 0 && knnThreshold <= 1)) {
            throw new IllegalArgumentException("kNN threshold must lie in (0, 1], was " + knnThreshold);
        }
        if (embeddingDims < 2) {
            throw new IllegalArgumentException("embedding dimensions must be at least 2, was " + embeddingDims);
        }
    }

    /** 5 folds, k 10, seed 0, 100 suspects, and the documented detector thresholds. */
    public static DataCheckOptions defaults() {
        return new DataCheckOptions(5, 10, 0, 100, 0.7, 25, 0.25, 0.65, 0.05, 5, 32);
    }

    public DataCheckOptions withFolds(int value) {
        return new DataCheckOptions(value, k, seed, maxSuspects, knnThreshold, spectralFactor, clusterMaxSize,
                clusterSilhouette, nearFactor, outlierZ, embeddingDims);
    }

    public DataCheckOptions withK(int value) {
        return new DataCheckOptions(folds, value, seed, maxSuspects, knnThreshold, spectralFactor, clusterMaxSize,
                clusterSilhouette, nearFactor, outlierZ, embeddingDims);
    }

    public DataCheckOptions withSeed(long value) {
        return new DataCheckOptions(folds, k, value, maxSuspects, knnThreshold, spectralFactor, clusterMaxSize,
                clusterSilhouette, nearFactor, outlierZ, embeddingDims);
    }

    public DataCheckOptions withMaxSuspects(int value) {
        return new DataCheckOptions(folds, k, seed, value, knnThreshold, spectralFactor, clusterMaxSize,
                clusterSilhouette, nearFactor, outlierZ, embeddingDims);
    }

    public DataCheckOptions withEmbeddingDims(int value) {
        return new DataCheckOptions(folds, k, seed, maxSuspects, knnThreshold, spectralFactor, clusterMaxSize,
                clusterSilhouette, nearFactor, outlierZ, value);
    }
}
