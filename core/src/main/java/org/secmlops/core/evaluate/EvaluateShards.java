package org.secmlops.core.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.model.ModelRuntime;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.Json;
import org.secmlops.core.result.ShardMark;
import org.secmlops.core.result.ShardSet;
import org.secmlops.core.result.ShardSetException;
import org.secmlops.core.run.Measurement;

/**
 * Evaluation shards: what a shard adds to its result (its mark and its {@link EvaluateTally}), and the merge of
 * checked shard results into the measurement of the whole: accuracy, calibration, per-class numbers and confusion
 * matrix equal to the unsharded run's; latency's 95th percentile over all shards' batches and throughput over their
 * summed model time (times measured on different agents, so they differ from one run's).
 *
 * <pre>{@code
 * Measurement whole = EvaluateShards.merge(ShardSet.of(resultsBySource), log::println);
 * }</pre>
 */
public final class EvaluateShards {
    private static final String TALLY = "tally";

    private EvaluateShards() {
    }

    static EvaluationReport shardReport(EvaluateTally tally, String description, Consumer<String> progress)
            throws DatasetException {
        return ModelEvaluator.report(tally, description, progress, false);
    }

    static Measurement shardMeasurement(Measurement measurement, ShardMark mark, EvaluateTally tally) {
        ObjectNode partial = Json.mapper().createObjectNode();
        partial.set(TALLY, Json.mapper().valueToTree(tally));
        return measurement.withDetail(ShardMark.DETAILS_KEY, Json.mapper().valueToTree(mark))
                .withDetail(ShardMark.PARTIAL_KEY, partial);
    }

    /**
     * Adds up the shards' tallies in shard order and measures the sum as one run would.
     *
     * @throws ShardSetException when a tally is missing, malformed or of another evaluation, does not cover the
     *                           samples its shard claims, or the whole holds a single class
     */
    public static Measurement merge(ShardSet shards, Consumer<String> progress) throws ShardSetException {
        EvaluateTally sum = null;
        for (int i = 0; i < shards.results().size(); i++) {
            ShardMark mark = shards.marks().get(i);
            JsonNode node = shards.partials().get(i).get(TALLY);
            try {
                EvaluateTally tally = Json.mapper().treeToValue(node, EvaluateTally.class);
                if (tally.samples() != mark.samples()) {
                    throw new ShardSetException("shard " + mark.shard() + " counts " + tally.samples()
                            + " samples, its mark " + mark.samples());
                }
                sum = sum == null ? tally : sum.plus(tally);
            } catch (ShardSetException e) {
                throw e;
            } catch (Exception e) {
                throw new ShardSetException("shard " + mark.shard() + " has an evaluation tally that cannot be"
                        + " merged: " + e.getMessage());
            }
        }
        JsonNode first = shards.results().get(0).details();
        EvaluationReport report;
        try {
            report = ModelEvaluator.report(sum, first.path("data").asText(), progress);
        } catch (DatasetException e) {
            throw new ShardSetException(e.getMessage());
        }
        Measurement measurement = EvaluateMeasurement.of(report, first.path("model").asText(),
                first.path("data").asText(), ClassNames.from(first));
        return first.has(ModelRuntime.DETAILS_KEY)
                ? measurement.withDetail(ModelRuntime.DETAILS_KEY, first.get(ModelRuntime.DETAILS_KEY)) : measurement;
    }
}
