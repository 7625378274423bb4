package org.secmlops.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateStatus;

/** What {@link ShardSet} accepts as the shards of one evaluation, and what it refuses with which message. */
class ShardSetTest {
    /** 10 batches of 8 samples, the last of 4: 76 samples. */
    private static GateRunResult shard(int index, int count, String inputs, String capability) {
        long batches = 10 / count + (index - 1 < 10 % count ? 1 : 0);
        long samples = batches * 8 - (owns(index, count, 9) ? 4 : 0);
        ObjectNode details = Json.mapper().createObjectNode();
        details.set(ShardMark.DETAILS_KEY, Json.mapper().valueToTree(new ShardMark(index, count, inputs,
                "agent-" + index, batches, samples, 10, 76)));
        details.putObject(ShardMark.PARTIAL_KEY);
        return new GateRunResult(ResultJson.SCHEMA_VERSION, capability, "1.0", "model.pt", Instant.EPOCH, Map.of(),
                new GateEvaluation(List.of(), GateStatus.PASSED), new SecurityCost(1000L * index, 100, 200),
                details);
    }

    private static boolean owns(int index, int count, long batch) {
        return new Shard(index, count).owns(batch);
    }

    private static Map<String, GateRunResult> of(GateRunResult... results) {
        Map<String, GateRunResult> map = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            map.put("r" + i, results[i]);
        }
        return map;
    }

    @Test
    void shouldOrderTheShardsAndAddUpTheirCost() throws Exception {
        ShardSet set = ShardSet.of(of(shard(3, 3, "d", "robustness"), shard(1, 3, "d", "robustness"),
                shard(2, 3, "d", "robustness")));

        assertThat(set.marks()).extracting(ShardMark::index).containsExactly(1, 2, 3);
        assertThat(set.totalSamples()).isEqualTo(76);
        assertThat(set.totalCost()).isEqualTo(new SecurityCost(6000, 100, 200));
        assertThat(set.costs()).extracting(ShardCost::host).containsExactly("agent-1", "agent-2", "agent-3");
    }

    @Test
    void shouldRefuseAMissingShard() {
        assertThatThrownBy(() -> ShardSet.of(of(shard(1, 3, "d", "robustness"), shard(3, 3, "d", "robustness"))))
                .isInstanceOf(ShardSetException.class).hasMessage("shard 2/3 is missing: the merge needs all 3 shards");
    }

    @Test
    void shouldRefuseADuplicateShard() {
        assertThatThrownBy(() -> ShardSet.of(of(shard(1, 2, "d", "robustness"), shard(1, 2, "d", "robustness"))))
                .isInstanceOf(ShardSetException.class).hasMessageContaining("shard 1/2 is given twice: r0 and r1");
    }

    @Test
    void shouldRefuseShardsOfOtherInputsCountsOrCapabilities() {
        assertThatThrownBy(() -> ShardSet.of(of(shard(1, 2, "d", "robustness"), shard(2, 2, "e", "robustness"))))
                .hasMessageContaining("options and inputs (digest) differ (d and e)");
        assertThatThrownBy(() -> ShardSet.of(of(shard(1, 2, "d", "robustness"), shard(2, 3, "d", "robustness"))))
                .hasMessageContaining("shard count differ (2 and 3)");
        assertThatThrownBy(() -> ShardSet.of(of(shard(1, 2, "d", "robustness"), shard(2, 2, "d", "evaluate"))))
                .hasMessageContaining("capability differ");
    }

    @Test
    void shouldRefuseAnIndexOutOfRangeAndCountsThatDoNotAddUp() {
        GateRunResult edited = shard(2, 2, "d", "robustness");
        ObjectNode details = (ObjectNode) edited.details();
        ((ObjectNode) details.get(ShardMark.DETAILS_KEY)).put("index", 5);
        GateRunResult outOfRange = new GateRunResult(edited.schemaVersion(), edited.capability(), edited.toolVersion(),
                edited.subject(), edited.startedAt(), edited.metrics(), edited.gates(), edited.cost(), details);
        assertThatThrownBy(() -> ShardSet.of(of(shard(1, 2, "d", "robustness"), outOfRange)))
                .hasMessageContaining("shard 5/2 is out of range");

        ((ObjectNode) details.get(ShardMark.DETAILS_KEY)).put("index", 2).put("batches", 6);
        GateRunResult overlapping = new GateRunResult(edited.schemaVersion(), edited.capability(),
                edited.toolVersion(), edited.subject(), edited.startedAt(), edited.metrics(), edited.gates(),
                edited.cost(), details);
        assertThatThrownBy(() -> ShardSet.of(of(shard(1, 2, "d", "robustness"), overlapping)))
                .hasMessageContaining("says it evaluated 6 batches, but 5 of the 10 batches are its own");
    }

    @Test
    void shouldRefuseAResultThatIsNoShard() {
        GateRunResult plain = new GateRunResult(ResultJson.SCHEMA_VERSION, "robustness", "1.0", "m", Instant.EPOCH,
                Map.of(), new GateEvaluation(List.of(), GateStatus.PASSED), new SecurityCost(1, 1, 1), null);

        assertThatThrownBy(() -> ShardSet.of(of(plain))).hasMessageContaining("r0 is not a shard result");
    }

    @Test
    void shouldParseAndCheckShards() {
        assertThat(Shard.parse(" 2 / 4 ")).isEqualTo(new Shard(2, 4));
        assertThat(new Shard(2, 4).owns(1)).isTrue();
        assertThat(new Shard(2, 4).owns(5)).isTrue();
        assertThat(new Shard(2, 4).owns(2)).isFalse();
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("1..4 (shards are numbered from 1)");
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("1..4");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("count must be 1..1000");
        assertThatThrownBy(() -> Shard.parse("2")).hasMessageContaining("INDEX/COUNT");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
    }
}
