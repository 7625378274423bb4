package org.secmlops.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityGateEvaluatorTest {
    private static final MetricCatalog CATALOG = new MetricCatalog("test", List.of(
            new MetricDefinition("ROBUST_ACCURACY", "accuracy under attack", MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition("SUSPECTS", "suspicious samples", MetricDirection.LOWER_IS_BETTER)));
    private final QualityGateEvaluator evaluator = new QualityGateEvaluator(CATALOG);

    @Test
    void shouldPassHigherIsBetterMetricAtOrAboveThreshold() {
        GateEvaluation evaluation = evaluator.evaluate(
                List.of(QualityGate.absolute("ROBUST_ACCURACY", 0.6, Criticality.FAILURE)),
                Map.of("ROBUST_ACCURACY", 0.6), Optional.empty());

        assertThat(evaluation.status()).isEqualTo(GateStatus.PASSED);
        assertThat(evaluation.results().get(0).reason()).contains("ROBUST_ACCURACY = 0.6000", ">= 0.6000");
    }

    @Test
    void shouldFailHigherIsBetterMetricBelowThresholdWithItsCriticality() {
        GateEvaluation evaluation = evaluator.evaluate(
                List.of(QualityGate.absolute("ROBUST_ACCURACY", 0.6, Criticality.FAILURE)),
                Map.of("ROBUST_ACCURACY", 0.59), Optional.empty());

        assertThat(evaluation.status()).isEqualTo(GateStatus.FAILED);
    }

    @Test
    void shouldFailLowerIsBetterMetricAboveThreshold() {
        GateEvaluation evaluation = evaluator.evaluate(
                List.of(QualityGate.absolute("SUSPECTS", 0, Criticality.UNSTABLE)),
                Map.of("SUSPECTS", 1.0), Optional.empty());

        assertThat(evaluation.status()).isEqualTo(GateStatus.UNSTABLE);
        assertThat(evaluation.results().get(0).reason()).contains("SUSPECTS = 1", "<= 0");
    }

    @Test
    void shouldLetTheWorstGateDecideTheOverallStatus() {
        GateEvaluation evaluation = evaluator.evaluate(List.of(
                QualityGate.absolute("SUSPECTS", 0, Criticality.UNSTABLE),
                QualityGate.absolute("ROBUST_ACCURACY", 0.9, Criticality.FAILURE),
                QualityGate.absolute("SUSPECTS", 10, Criticality.FAILURE)),
                Map.of("SUSPECTS", 3.0, "ROBUST_ACCURACY", 0.5), Optional.empty());

        assertThat(evaluation.results()).extracting(GateResult::status)
                .containsExactly(GateStatus.UNSTABLE, GateStatus.FAILED, GateStatus.PASSED);
        assertThat(evaluation.status()).isEqualTo(GateStatus.FAILED);
    }

    @Test
    void shouldCompareDeltaGateWithReferenceBuild() {
        ReferenceMetrics reference = new ReferenceMetrics("job #4", Map.of("SUSPECTS", 5.0, "ROBUST_ACCURACY", 0.8));
        List<QualityGate> gates = List.of(QualityGate.delta("SUSPECTS", 10, Criticality.FAILURE),
                QualityGate.delta("ROBUST_ACCURACY", 0.05, Criticality.UNSTABLE));

        GateEvaluation holding = evaluator.evaluate(gates, Map.of("SUSPECTS", 15.0, "ROBUST_ACCURACY", 0.75),
                Optional.of(reference));
        GateEvaluation breaking = evaluator.evaluate(gates, Map.of("SUSPECTS", 16.0, "ROBUST_ACCURACY", 0.74),
                Optional.of(reference));

        assertThat(holding.results()).extracting(GateResult::status).containsOnly(GateStatus.PASSED);
        assertThat(breaking.results()).extracting(GateResult::status)
                .containsExactly(GateStatus.FAILED, GateStatus.UNSTABLE);
        assertThat(breaking.results().get(0).referenceValue()).isEqualTo(5.0);
        assertThat(breaking.results().get(0).reason()).contains("job #4");
    }

    @Test
    void shouldTreatDeltaGateWithoutReferenceAsInactiveNotFailed() {
        GateEvaluation evaluation = evaluator.evaluate(List.of(QualityGate.delta("SUSPECTS", 0, Criticality.FAILURE)),
                Map.of("SUSPECTS", 100.0), Optional.empty());

        assertThat(evaluation.results().get(0).status()).isEqualTo(GateStatus.INACTIVE);
        assertThat(evaluation.status()).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void shouldFailGateWhoseMetricIsMissingOrNotANumber() {
        List<QualityGate> gates = List.of(QualityGate.absolute("ROBUST_ACCURACY", 0.1, Criticality.FAILURE));

        assertThat(evaluator.evaluate(gates, Map.of(), Optional.empty()).status()).isEqualTo(GateStatus.FAILED);
        assertThat(evaluator.evaluate(gates, Map.of("ROBUST_ACCURACY", Double.NaN), Optional.empty()).status())
                .isEqualTo(GateStatus.FAILED);
    }

    @Test
    void shouldRejectGateOnUnknownMetricNamingTheKnownOnes() {
        assertThatThrownBy(() -> evaluator.validate(List.of(QualityGate.absolute("ACURACY", 1, Criticality.FAILURE))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ACURACY").hasMessageContaining("ROBUST_ACCURACY, SUSPECTS");
    }

    @Test
    void shouldRejectNonFiniteThresholdAndNegativeDelta() {
        assertThatThrownBy(() -> QualityGate.absolute("SUSPECTS", Double.NaN, Criticality.FAILURE))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> QualityGate.delta("SUSPECTS", -1, Criticality.FAILURE))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void shouldOrderStatusesWithInactiveAsGoodAsPassed() {
        assertThat(GateStatus.worst(List.of(GateStatus.INACTIVE, GateStatus.PASSED))).isNotIn(GateStatus.UNSTABLE,
                GateStatus.FAILED);
        assertThat(GateStatus.worst(List.of(GateStatus.UNSTABLE, GateStatus.FAILED, GateStatus.PASSED)))
                .isEqualTo(GateStatus.FAILED);
        assertThat(GateStatus.worst(List.of())).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void shouldRejectMalformedOrDuplicateMetricDefinitions() {
        assertThatThrownBy(() -> new MetricDefinition("accuracy", "x", MetricDirection.HIGHER_IS_BETTER))
                .hasMessageContaining("UPPER_SNAKE_CASE");
        MetricDefinition metric = new MetricDefinition("A", "x", MetricDirection.HIGHER_IS_BETTER);
        assertThatThrownBy(() -> new MetricCatalog("c", List.of(metric, metric))).hasMessageContaining("twice");
    }
}
