package org.secmlops.core.result;

/**
 * The part of the data one shard evaluated, and the whole it is part of (every shard reads the whole data and
 * skips the batches of the others, so each knows the totals).
 *
 * @param batches      batches this shard evaluated
 * @param samples      samples in them
 * @param totalBatches batches in the whole evaluation
 * @param totalSamples samples in the whole evaluation
 */
public record ShardCoverage(long batches, long samples, long totalBatches, long totalSamples) {
    public ShardCoverage {
        if (batches < 0 || samples < 0 || batches > totalBatches || samples > totalSamples) {
            throw new IllegalArgumentException("a shard covers 0..total batches and samples, not " + batches + " of "
                    + totalBatches + " batches and " + samples + " of " + totalSamples + " samples");
        }
    }
}
