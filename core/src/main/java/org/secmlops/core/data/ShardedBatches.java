package org.secmlops.core.data;

import java.util.Objects;
import org.secmlops.core.result.Shard;
import org.secmlops.core.result.ShardCoverage;

/**
 * The batches of one shard: reads the whole data in batches, numbers them from 0 and hands out the ones the shard
 * owns ({@link Shard#owns}); the others are read and dropped, so every shard cuts the data into the same batches as
 * an unsharded run and knows the totals. The first batch of the data is kept for shards that do not own it: a few
 * decisions (how many outputs the model has, whether they are probabilities) are taken on it in every run. Read by
 * one thread.
 *
 * <pre>{@code
 * ShardedBatches batches = new ShardedBatches(source, Shard.parse("2/4"), 64, 500);
 * for (ShardedBatches.Owned owned = batches.next(); owned != null; owned = batches.next()) { ... }
 * ShardCoverage coverage = batches.coverage();
 * }</pre>
 */
public final class ShardedBatches {
    /** A batch and its index (counted from 0) in the whole data. */
    public record Owned(long index, Batch batch) {
    }

    private final SampleSource source;
    private final Shard shard;
    private final int batchSize;
    private final long maxSamples;
    private Batch first;
    private long batches;
    private long samples;
    private long ownedBatches;
    private long ownedSamples;
    private boolean done;

    /**
     * @param shard      the shard whose batches are handed out; {@code 1/1} for all
     * @param batchSize  samples per batch, positive
     * @param maxSamples read at most this many samples of the data, positive
     */
    public ShardedBatches(SampleSource source, Shard shard, int batchSize, long maxSamples) {
        if (batchSize <= 0 || maxSamples <= 0) {
            throw new IllegalArgumentException("batch size and samples must be positive");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.shard = Objects.requireNonNull(shard, "shard");
        this.batchSize = batchSize;
        this.maxSamples = maxSamples;
    }

    /** The next batch of this shard, or {@code null} once the data is read to its end (or its sample limit). */
    public Owned next() throws DatasetException {
        while (!done) {
            long left = maxSamples - samples;
            Batch batch = left > 0 ? source.next((int) Math.min(batchSize, left)) : null;
            if (batch == null) {
                done = true;
                return null;
            }
            long index = batches++;
            samples += batch.size();
            if (index == 0) {
                first = batch;
            }
            if (shard.owns(index)) {
                ownedBatches++;
                ownedSamples += batch.size();
                return new Owned(index, batch);
            }
        }
        return null;
    }

    /** The first batch of the data, or {@code null} before it is read or when the data is empty. */
    public Batch first() {
        return first;
    }

    /** Which shard's batches these are. */
    public Shard shard() {
        return shard;
    }

    /**
     * What this shard covered of the whole.
     *
     * @throws IllegalStateException before the data is read to its end
     */
    public ShardCoverage coverage() {
        if (!done) {
            throw new IllegalStateException("the coverage is known once every batch is read");
        }
        return new ShardCoverage(ownedBatches, ownedSamples, batches, samples);
    }
}
