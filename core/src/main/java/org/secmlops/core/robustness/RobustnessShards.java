package org.secmlops.core.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.secmlops.core.model.ModelRuntime;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.Json;
import org.secmlops.core.result.ShardMark;
import org.secmlops.core.result.ShardSet;
import org.secmlops.core.result.ShardSetException;
import org.secmlops.core.run.Measurement;

/**
 * Robustness shards: what a shard adds to its result (its mark and its {@link RobustnessTally}), and the merge of
 * checked shard results into the measurement of the whole, equal to the unsharded run's (the time and memory
 * figures excepted).
 *
 * <pre>{@code
 * Measurement whole = RobustnessShards.merge(ShardSet.of(resultsBySource), log::println);
 * }</pre>
 */
public final class RobustnessShards {
    private static final String TALLY = "tally";

    private RobustnessShards() {
    }

    static Measurement shardMeasurement(Measurement measurement, ShardMark mark, RobustnessTally tally) {
        ObjectNode partial = Json.mapper().createObjectNode();
        partial.set(TALLY, Json.mapper().valueToTree(tally));
        return measurement.withDetail(ShardMark.DETAILS_KEY, Json.mapper().valueToTree(mark))
                .withDetail(ShardMark.PARTIAL_KEY, partial);
    }

    /**
     * Adds up the shards' tallies in shard order and measures the sum as one run would.
     *
     * @throws ShardSetException when a tally is missing or malformed, is of another evaluation, or does not cover
     *                           the samples its shard claims
     */
    public static Measurement merge(ShardSet shards, Consumer<String> progress) throws ShardSetException {
        RobustnessTally sum = null;
        for (int i = 0; i < shards.results().size(); i++) {
            RobustnessTally tally = tally(shards, i);
            try {
                sum = sum == null ? tally : sum.plus(tally);
            } catch (RuntimeException e) {
                throw new ShardSetException("shard " + shards.marks().get(i).shard() + " cannot be merged with the"
                        + " shards before it: " + e.getMessage());
            }
        }
        if (sum.samples() != shards.totalSamples()) {
            throw new ShardSetException("the shards' counts cover " + sum.samples() + " samples, their marks "
                    + shards.totalSamples());
        }
        RobustnessReport report;
        try {
            report = sum.report();
        } catch (RuntimeException e) {
            throw new ShardSetException("the shards' robustness tallies do not fit together: " + e.getMessage());
        }
        RobustnessEvaluator.describe(report, progress);
        JsonNode first = shards.results().get(0).details();
        Measurement measurement = RobustnessMeasurement.of(report, first.path("model").asText(),
                first.path("data").asText(), first.hasNonNull("validRangeSource")
                        ? first.path("validRangeSource").asText() : null, ClassNames.from(first));
        return first.has(ModelRuntime.DETAILS_KEY)
                ? measurement.withDetail(ModelRuntime.DETAILS_KEY, first.get(ModelRuntime.DETAILS_KEY)) : measurement;
    }

    private static RobustnessTally tally(ShardSet shards, int i) throws ShardSetException {
        JsonNode node = shards.partials().get(i).get(TALLY);
        ShardMark mark = shards.marks().get(i);
        if (node == null) {
            throw new ShardSetException("shard " + mark.shard() + " has no robustness tally");
        }
        RobustnessTally tally;
        try {
            tally = Json.mapper().treeToValue(node, RobustnessTally.class);
        } catch (Exception e) {
            throw new ShardSetException("shard " + mark.shard() + " has a malformed robustness tally: "
                    + e.getMessage());
        }
        if (tally.samples() != mark.samples()) {
            throw new ShardSetException("shard " + mark.shard() + " counts " + tally.samples() + " samples, its mark "
                    + mark.samples());
        }
        return tally;
    }
}
