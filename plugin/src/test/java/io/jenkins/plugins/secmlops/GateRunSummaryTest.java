package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.SecurityCost;

class GateRunSummaryTest {
    private static GateRunSummary robustnessRun(QualityGate... gates) {
        List<GateResult> results = java.util.Arrays.stream(gates)
                .map(gate -> new GateResult(gate, 0.07, null, GateStatus.PASSED, "held")).toList();
        GateRunResult result = new GateRunResult(1, "robustness", "test", "model/", Instant.EPOCH,
                Map.of("ROBUST_ACCURACY", 0.07, "VALIDITY_FLAGS", 0.0), GateEvaluation.of(results),
                new SecurityCost(1, 1, 1), null);
        return new GateRunSummary("robustness", "Robustness", result);
    }

    @Test
    void shouldSayPlainlyThatNoRobustnessThresholdIsSetWhenOnlyTheDefaultGatesRan() {
        GateRunSummary defaults = robustnessRun(QualityGate.absolute("VALIDITY_FLAGS", 0, Criticality.UNSTABLE),
                QualityGate.delta("ROBUST_ACCURACY", 0.05, Criticality.UNSTABLE));

        assertThat(defaults.isPassed()).isTrue();
        assertThat(defaults.getNotice()).startsWith("No robustness threshold is set")
                .contains("not that the model is robust enough");
    }

    @Test
    void shouldSayNothingOnceAThresholdIsSet() {
        GateRunSummary gated = robustnessRun(QualityGate.absolute("ROBUST_ACCURACY", 0.05, Criticality.FAILURE));

        assertThat(gated.getNotice()).isNull();
    }
}
