package org.secmlops.core.shard;

import java.util.function.Consumer;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.evaluate.EvaluateShards;
import org.secmlops.core.result.Json;
import org.secmlops.core.result.ShardMark;
import org.secmlops.core.result.ShardSet;
import org.secmlops.core.result.ShardSetException;
import org.secmlops.core.robustness.RobustnessShards;
import org.secmlops.core.run.Measurement;

/**
 * The merge of checked shard results ({@link ShardSet}) into the measurement of the whole evaluation, by the
 * shards' capability, with each shard's agent, coverage and cost under {@value ShardMark#MERGED_KEY}.
 *
 * <pre>{@code
 * Measurement whole = ShardedResults.merge(ShardSet.of(resultsBySource), log::println);
 * }</pre>
 */
public final class ShardedResults {
    private ShardedResults() {
    }

    /**
     * Merges the shards.
     *
     * @throws ShardSetException when the capability cannot be sharded or the shards' partial counts do not fit
     */
    public static Measurement merge(ShardSet shards, Consumer<String> progress) throws ShardSetException {
        progress.accept("merging " + shards.results().size() + " " + shards.capability() + " shards of "
                + shards.totalSamples() + " samples");
        String capability = shards.capability();
        Measurement merged;
        if (capability.equals(RobustnessCapability.INSTANCE.id())) {
            merged = RobustnessShards.merge(shards, progress);
        } else if (capability.equals(EvaluateCapability.INSTANCE.id())) {
            merged = EvaluateShards.merge(shards, progress);
        } else {
            throw new ShardSetException("results of '" + capability + "' cannot be merged: only robustness"
                    + " and evaluate runs are sharded (the data check's detectors need the whole data set)");
        }
        return merged.withDetail(ShardMark.MERGED_KEY, Json.mapper().valueToTree(shards.costs()));
    }
}
