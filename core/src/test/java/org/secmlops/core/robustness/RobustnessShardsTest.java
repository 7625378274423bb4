package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secmlops.core.capability.robustness.RobustnessCapability;
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
import org.secmlops.core.run.GateRunner;
import org.secmlops.core.run.Measurement;
import org.secmlops.core.shard.ShardedResults;
import org.secmlops.testsupport.ExternalData;

/**
 * Sharded robustness on the digits TorchScript MLP and scikit-learn's digits: the merge of 1, 2 and 4 shards equals
 * the unsharded run, metric for metric and number for number, with randomized attacks (PGD's random start, Square's
 * random stripes and windows), corruptions and randomized smoothing seeded per batch.
 */
class RobustnessShardsTest {
    private static final int SAMPLES = 150;
    private static final int BATCH = 16;

    private static RobustnessRequest.Builder request() {
        AttackSettings settings = new AttackSettings(Norm.LINF, 5, 0.25, true, 1, 60, 32);
        AttackSelection selection = AttackSelection.parse(List.of("fgsm", "pgd", "square", "noise"), settings);
        RobustnessConfig config = RobustnessConfig.builder().attacks(selection.attacks())
                .corruptions(selection.corruptions()).severities(List.of(2, 5)).epsilons(List.of(0.05, 0.2))
                .smoothing(new SmoothingConfig(0.25, 8, 24, 0.01, List.of(0.0, 0.1)))
                .maxSamples(SAMPLES).batchSize(BATCH).examples(3).seed(11).build();
        return RobustnessRequest.builder(ModelSpec.of(ModelTestAccess.digitsMlpTorchScript()),
                DataSpec.of(ExternalData.digitsCsv()).withLabelColumn("-1").withHeader(false), config)
                .preprocessing(PreprocessingSpec.builder().scale(1 / 16f).build());
    }

    private static GateRunResult run(RobustnessRequest request) throws Exception {
        return new GateRunner(RobustnessCapability.INSTANCE, "test").run("digits-mlp.pt",
                new GateSpec(ResultJson.SCHEMA_VERSION, List.of(), null), () -> RobustnessRun.run(request, l -> { }));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void shouldMergeShardsIntoTheUnshardedResult(int count) throws Exception {
        GateRunResult whole = run(request().build());
        Map<String, GateRunResult> shards = new LinkedHashMap<>();
        for (int index = count; index >= 1; index--) {
            GateRunResult shard = run(request().shard(new ShardAssignment(new Shard(index, count), "inputs",
                    "agent-" + index)).build());
            shards.put("shard-" + index, ResultJson.read(new java.io.ByteArrayInputStream(ResultJson.toJson(shard)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "shard-" + index));
        }

        Measurement mergedMeasurement = ShardedResults.merge(ShardSet.of(shards), l -> { });
        GateRunResult merged = new GateRunner(RobustnessCapability.INSTANCE, "test").evaluate("digits",
                new GateSpec(ResultJson.SCHEMA_VERSION, List.of(), null), mergedMeasurement,
                whole.cost(), whole.startedAt(), Optional.empty());

        assertThat(merged.metrics()).isEqualTo(whole.metrics());
        assertThat(merged.metrics()).containsKeys(RobustnessCapability.ROBUST_ACCURACY,
                RobustnessCapability.CORRUPTION_ACCURACY, RobustnessCapability.CERTIFIED_ACCURACY);
        assertThat(withoutTimes(merged.details().get("robustness")))
                .isEqualTo(withoutTimes(whole.details().get("robustness")));
        assertThat(merged.details().path("robustness").path("samples").asLong()).isEqualTo(SAMPLES);
        assertThat(merged.details().path("shards")).hasSize(count);
        assertThat(merged.details().path("shards").get(0).path("host").asText()).isEqualTo("agent-1");
        if (count > 1) {
            assertThat(shards.get("shard-1").metrics()).isNotEqualTo(whole.metrics());
        }
    }

    private static JsonNode withoutTimes(JsonNode robustness) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = robustness.deepCopy();
        copy.remove("cleanSeconds");
        for (JsonNode attack : copy.path("attacks")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) attack).remove(List.of("seconds", "allocatedBytes"));
        }
        for (JsonNode corruption : copy.path("corruptions")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) corruption).remove("seconds");
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("smoothing")).remove("seconds");
        return copy;
    }
}
