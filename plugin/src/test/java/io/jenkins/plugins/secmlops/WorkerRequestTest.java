package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerRequestTest {
    @Test
    void shouldReplaceInputReferencesWithPathsInTheRunFolder() {
        WorkerRequest request = new WorkerRequest(List.of("verify", "model/", "--public-key", "@input:release.pub"),
                "{}", Map.of("release.pub", "-----BEGIN PUBLIC KEY-----"));

        assertThat(request.resolvedArguments("/ws@tmp/secmlops-1", "/"))
                .containsExactly("verify", "model/", "--public-key", "/ws@tmp/secmlops-1/input-release.pub");
    }

    @Test
    void shouldRejectHostileInputNamesAndDanglingReferences() {
        assertThatThrownBy(() -> new WorkerRequest(List.of(), "{}", Map.of("../../.ssh/authorized_keys", "x")))
                .hasMessageContaining("Illegal worker input name");
        assertThatThrownBy(() -> new WorkerRequest(List.of("@input:missing"), "{}", Map.of()))
                .hasMessageContaining("names no input");
    }
}
