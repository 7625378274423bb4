package org.secmlops.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.result.Shard;
import org.secmlops.core.result.ShardAssignment;
import org.secmlops.core.result.ShardSet;
import org.secmlops.core.result.ShardSetException;
import org.secmlops.core.run.GateRunner;
import org.secmlops.core.run.Measurement;
import org.secmlops.core.shard.ShardedResults;
import org.secmlops.testsupport.ExternalData;

/**
 * Sharded evaluation of the digits TorchScript MLP on all 1,797 samples of scikit-learn's digits: the merge of 1, 2
 * and 4 shards has the unsharded run's accuracy, calibration, per-class numbers and confusion matrix, bit for bit.
 */
class EvaluateShardsTest {
    private static EvaluateRequest.Builder request() {
        return EvaluateRequest.builder(ModelSpec.of(ModelTestAccess.digitsMlpTorchScript()),
                DataSpec.of(ExternalData.digitsCsv()).withLabelColumn("-1").withHeader(false))
                .preprocessing(PreprocessingSpec.builder().scale(1 / 16f).build()).batchSize(100);
    }

    private static GateRunResult run(EvaluateRequest request) throws Exception {
        GateRunResult result = new GateRunner(EvaluateCapability.INSTANCE, "test").run("digits-mlp.pt",
                new GateSpec(ResultJson.SCHEMA_VERSION, List.of(), null), () -> EvaluateRun.run(request, l -> { }));
        return ResultJson.read(new ByteArrayInputStream(ResultJson.toJson(result).getBytes(StandardCharsets.UTF_8)),
                "result.json");
    }

    private static Map<String, GateRunResult> shards(int count) throws Exception {
        Map<String, GateRunResult> shards = new LinkedHashMap<>();
        for (int index = 1; index <= count; index++) {
            shards.put("shard-" + index, run(request().shard(new ShardAssignment(new Shard(index, count), "inputs",
                    "agent-" + index)).build()));
        }
        return shards;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void shouldMergeShardsIntoTheUnshardedResult(int count) throws Exception {
        GateRunResult whole = run(request().build());

        Measurement merged = ShardedResults.merge(ShardSet.of(shards(count)), l -> { });

        List<String> exact = List.of(EvaluateCapability.ACCURACY, EvaluateCapability.ECE);
        for (String metric : exact) {
            assertThat(merged.metrics().get(metric)).as(metric).isEqualTo(whole.metrics().get(metric));
        }
        assertThat(withoutTimes(merged.details().get("evaluation")).toString())
                .isEqualTo(withoutTimes(whole.details().get("evaluation")).toString());
        assertThat(merged.details().path("evaluation").path("samples").asLong()).isEqualTo(1797);
        assertThat(merged.metrics()).containsKeys(EvaluateCapability.LATENCY_P95, EvaluateCapability.THROUGHPUT);
    }

    @Test
    void shouldRefuseShardsWhoseCountsDoNotMatchTheirMarks() throws Exception {
        Map<String, GateRunResult> shards = shards(2);
        GateRunResult second = shards.get("shard-2");
        ObjectNode details = (ObjectNode) second.details();
        ObjectNode tally = (ObjectNode) details.path("shardPartial").path("tally");
        ((com.fasterxml.jackson.databind.node.ArrayNode) tally.path("confusion").get(0)).set(0, 1_000_000L);
        shards.put("shard-2", new GateRunResult(second.schemaVersion(), second.capability(), second.toolVersion(),
                second.subject(), second.startedAt(), second.metrics(), second.gates(), second.cost(), details));

        assertThatThrownBy(() -> ShardedResults.merge(ShardSet.of(shards), l -> { }))
                .isInstanceOf(ShardSetException.class).hasMessageContaining("shard 2/2 counts");
    }

    private static ObjectNode withoutTimes(com.fasterxml.jackson.databind.JsonNode evaluation) {
        ObjectNode copy = evaluation.deepCopy();
        copy.remove(List.of("latencyP95Millis", "throughput"));
        return copy;
    }
}
