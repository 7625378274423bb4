package org.secmlops.core.result;

import java.util.Objects;

/**
 * What a run needs to know to evaluate one shard: which shard, the digest of everything that must be the same in
 * every shard (options and input files, see {@link ShardMark#inputs()}), and the machine it runs on.
 *
 * @param shard  the shard
 * @param inputs the digest of the options and inputs, compared by the merge
 * @param host   the agent or host name shown in the merged report
 */
public record ShardAssignment(Shard shard, String inputs, String host) {
    public ShardAssignment {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(host, "host");
    }

    /** The mark a finished shard writes into its result, with the batches and samples it covered. */
    public ShardMark mark(ShardCoverage coverage) {
        return new ShardMark(shard.index(), shard.count(), inputs, host, coverage.batches(), coverage.samples(),
                coverage.totalBatches(), coverage.totalSamples());
    }
}
