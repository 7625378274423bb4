package org.secmlops.core.result;

/**
 * One shard as a merged result lists it (details key {@value ShardMark#MERGED_KEY}): where it ran, what it covered
 * and what it cost.
 *
 * @param index          which shard
 * @param host           the agent or host it ran on
 * @param batches        batches it evaluated
 * @param samples        samples in them
 * @param wallTimeMillis its wall time
 * @param peakHeapBytes  its peak Java heap
 * @param peakRssBytes   its peak resident memory, -1 where unknown
 */
public record ShardCost(int index, String host, long batches, long samples, long wallTimeMillis, long peakHeapBytes,
        long peakRssBytes) {
    static ShardCost of(ShardMark mark, SecurityCost cost) {
        return new ShardCost(mark.index(), mark.host(), mark.batches(), mark.samples(), cost.wallTimeMillis(),
                cost.peakHeapBytes(), cost.peakRssBytes());
    }
}
