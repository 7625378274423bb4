package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.secmlops.core.result.Json;

class MonitorAlertTest {
    @Test
    void shouldWriteOneLineOfStrictJsonWithTheFieldsOfItsKind() throws Exception {
        MonitorAlert adversarial = new MonitorAlert(MonitorAlert.ADVERSARIAL_INPUT, Instant.parse(
                "2026-12-03T12:00:00Z"), 7, 9, "t\n", "c\"1", "", 0, 0, Double.NaN, 4.5, 0.8, 0.3);
        MonitorAlert bad = MonitorAlert.badRecord(3, 4, "not valid JSON");

        String line = adversarial.jsonLine();
        JsonNode node = Json.mapper().readTree(line);

        assertThat(line).doesNotContain("\n", "NaN");
        assertThat(node.path("alert").asText()).isEqualTo("adversarial_input");
        assertThat(node.path("client").asText()).isEqualTo("c\"1");
        assertThat(node.path("distance_score").isNull()).isTrue();
        assertThat(node.path("squeeze_threshold").asDouble()).isEqualTo(0.3);
        JsonNode badNode = Json.mapper().readTree(bad.jsonLine());
        assertThat(badNode.path("reason").asText()).isEqualTo("not valid JSON");
        assertThat(badNode.has("client")).isFalse();
        assertThat(badNode.path("line").asLong()).isEqualTo(4);
    }
}
