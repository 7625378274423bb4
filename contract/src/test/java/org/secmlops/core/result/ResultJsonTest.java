package org.secmlops.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.MetricCatalog;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.gate.QualityGateEvaluator;
import org.secmlops.core.gate.ReferenceMetrics;

class ResultJsonTest {
    @TempDir
    Path directory;

    static GateRunResult sample() {
        MetricCatalog catalog = new MetricCatalog("scan", List.of(
                new MetricDefinition("CRITICAL_FINDINGS", "c", MetricDirection.LOWER_IS_BETTER),
                new MetricDefinition("FILES_SCANNED", "f", MetricDirection.HIGHER_IS_BETTER)));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("CRITICAL_FINDINGS", 2.0);
        metrics.put("FILES_SCANNED", 7.0);
        GateEvaluation gates = new QualityGateEvaluator(catalog).evaluate(
                List.of(QualityGate.absolute("CRITICAL_FINDINGS", 0, Criticality.FAILURE),
                        QualityGate.delta("FILES_SCANNED", 1, Criticality.UNSTABLE)),
                metrics, Optional.of(new ReferenceMetrics("job #1", Map.of("FILES_SCANNED", 7.0))));
        ObjectNode details = Json.mapper().createObjectNode();
        details.putArray("findings").addObject().put("file", "<script>alert(1)</script>.pkl");
        return new GateRunResult(ResultJson.SCHEMA_VERSION, "scan", "1.2.3", "model/",
                Instant.parse("2026-11-26T10:15:30Z"), metrics, gates, new SecurityCost(1234, 5_000_000, 9_000_000),
                details);
    }

    @Test
    void shouldRoundTripEveryField() throws Exception {
        GateRunResult original = sample();
        Path file = directory.resolve("result.json");

        ResultJson.write(original, file);
        GateRunResult read = ResultJson.read(file);

        assertThat(read).isEqualTo(original);
        assertThat(read.status()).isEqualTo(GateStatus.FAILED);
        assertThat(read.metrics()).containsExactly(Map.entry("CRITICAL_FINDINGS", 2.0), Map.entry("FILES_SCANNED", 7.0));
        assertThat(Files.readString(file)).contains("\"schemaVersion\" : 1", "\"CRITICAL_FINDINGS\" : 2.0");
    }

    @Test
    void shouldTolerateFieldsAddedByLaterVersions() throws Exception {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(ResultJson.toJson(sample()));
        tree.put("addedLater", "x");
        ((ObjectNode) tree.get("cost")).put("gpuMillis", 12);
        Path file = directory.resolve("result.json");
        Files.writeString(file, tree.toString());

        assertThat(ResultJson.read(file)).isEqualTo(sample());
    }

    @Test
    void shouldRejectTruncatedResult() throws Exception {
        String json = ResultJson.toJson(sample());
        Path file = directory.resolve("result.json");
        Files.writeString(file, json.substring(0, json.length() / 2));

        assertThatThrownBy(() -> ResultJson.read(file)).isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectEmptyGarbageAndMissingFilesClearly() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.json"), "");
        Path garbage = Files.write(directory.resolve("garbage.json"), new byte[] {0x50, 0x4b, 3, 4, 0, (byte) 0xff});
        Path array = Files.writeString(directory.resolve("array.json"), "[1,2]");

        assertThatThrownBy(() -> ResultJson.read(empty)).isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ResultJson.read(garbage)).isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ResultJson.read(array)).isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ResultJson.read(directory.resolve("missing.json")))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("does not exist");
    }

    @Test
    void shouldRejectMissingRequiredFieldsAndUnsupportedVersions() throws Exception {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(ResultJson.toJson(sample()));
        ObjectNode withoutGates = tree.deepCopy();
        withoutGates.remove("gates");
        ObjectNode newer = tree.deepCopy();
        newer.put("schemaVersion", 2);
        ObjectNode unversioned = tree.deepCopy();
        unversioned.remove("schemaVersion");

        assertThatThrownBy(() -> ResultJson.read(write("nogates.json", withoutGates.toString())))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> ResultJson.read(write("newer.json", newer.toString())))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("schemaVersion 2");
        assertThatThrownBy(() -> ResultJson.read(write("unversioned.json", unversioned.toString())))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("schemaVersion");
    }

    @Test
    void shouldRoundTripGateSpec() throws Exception {
        GateSpec spec = new GateSpec(1, List.of(QualityGate.delta("SUSPECTS", 10, Criticality.FAILURE)),
                new ReferenceMetrics("job #3", Map.of("SUSPECTS", 4.0)));
        Path file = directory.resolve("gates.json");

        GateSpecJson.write(spec, file);

        assertThat(GateSpecJson.read(file)).isEqualTo(spec);
        assertThatThrownBy(() -> GateSpecJson.read(write("bad.json", "{\"schemaVersion\":1,\"gates\":[{\"metric\":\"X\"}]}")))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("malformed");
    }

    @Test
    void shouldNotExposeMutableDetails() {
        GateRunResult result = sample();
        ((ObjectNode) result.details()).put("tampered", true);

        assertThat(result.details().has("tampered")).isFalse();
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
