package org.secmlops.core.result;

/**
 * Marks a {@code result.json} as one shard of an evaluation (details key {@value #DETAILS_KEY}); the shard's
 * partial counts, which the merge adds up, are under {@value #PARTIAL_KEY}.
 *
 * @param index        which shard, 1..count
 * @param count        how many shards
 * @param inputs       SHA-256 of the command, its options (all but where outputs go, the gates and the shard) and
 *                     the content of its input files: shards of one evaluation have the same
 * @param host         the agent or host the shard ran on
 * @param batches      batches this shard evaluated
 * @param samples      samples in them
 * @param totalBatches batches in the whole evaluation
 * @param totalSamples samples in the whole evaluation
 */
public record ShardMark(int index, int count, String inputs, String host, long batches, long samples,
        long totalBatches, long totalSamples) {
    /** Where the mark is in a result's details. */
    public static final String DETAILS_KEY = "shard";
    /** Where the shard's partial counts are in a result's details. */
    public static final String PARTIAL_KEY = "shardPartial";
    /** Where a merged result lists its shards. */
    public static final String MERGED_KEY = "shards";

    /** The shard this mark names. */
    public Shard shard() {
        return new Shard(index, count);
    }
}
