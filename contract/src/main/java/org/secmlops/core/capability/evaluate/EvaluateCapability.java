package org.secmlops.core.capability.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.CapabilitySection;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.MetricCatalog;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.Units;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.Json;

/**
 * Model evaluation as a gate: accuracy, calibration, latency and throughput of a model on labelled data. By
 * default accuracy may drop by at most 0.01 against the reference build (UNSTABLE otherwise).
 */
public final class EvaluateCapability implements Capability {
    /** The one instance. */
    public static final EvaluateCapability INSTANCE = new EvaluateCapability();

    public static final String ACCURACY = "ACCURACY";
    public static final String ECE = "ECE";
    public static final String LATENCY_P95 = "LATENCY_P95";
    public static final String THROUGHPUT = "THROUGHPUT";

    private static final MetricCatalog CATALOG = new MetricCatalog("evaluate", List.of(
            new MetricDefinition(ACCURACY, "Share of samples whose top output is the label (0..1)",
                    MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(ECE, "Expected calibration error over 15 confidence bins (0..1)",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(LATENCY_P95, "95th percentile of model time per batch, milliseconds",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(THROUGHPUT, "Samples per second of model time", MetricDirection.HIGHER_IS_BETTER)));

    private EvaluateCapability() {
    }

    @Override
    public String displayName() {
        return "Model evaluation";
    }

    @Override
    public List<String> trendMetrics() {
        return List.of(ACCURACY, LATENCY_P95);
    }

    @Override
    public MetricCatalog catalog() {
        return CATALOG;
    }

    @Override
    public Optional<String> missingThreshold(List<QualityGate> gates) {
        boolean threshold = gates.stream().anyMatch(gate -> gate.baseline() == Baseline.ABSOLUTE
                && gate.metric().equals(ACCURACY));
        return threshold ? Optional.empty() : Optional.of("No accuracy threshold is set: PASSED only means accuracy"
                + " did not drop against the last passing build. Set one, e.g. ACCURACY >= 0.9 (docs/gates.md,"
                + " recommended gates).");
    }

    @Override
    public List<QualityGate> defaultGates() {
        return List.of(QualityGate.delta(ACCURACY, 0.01, Criticality.UNSTABLE));
    }

    /** The evaluation in a result's details ({@code evaluation}), read back into its record (unknown fields ignored). */
    public static EvaluationReport report(JsonNode details) {
        try {
            return Json.mapper().treeToValue(details.path("evaluation"), EvaluationReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("evaluation details are not an evaluation report: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Renders the per-class table, the shaded confusion matrix and the reliability diagram. */
    @Override
    public DetailSection detailSection() {
        return CapabilitySection.of(this, EvaluateHtml::render);
    }

    /** E.g. {@code accuracy 0.9650 on 297 samples, ECE 0.0123}. */
    @Override
    public String headline(GateRunResult result) {
        JsonNode e = result.details().path("evaluation");
        return "accuracy " + Units.of(result.metrics().getOrDefault(ACCURACY, Double.NaN), "") + " on "
                + Units.count(e.path("samples").asLong(), "sample") + ", ECE "
                + Units.of(result.metrics().getOrDefault(ECE, Double.NaN), "");
    }

    @Override
    public String unit(String metric) {
        return switch (metric) {
            case LATENCY_P95 -> "ms";
            case THROUGHPUT -> "samples/s";
            default -> "";
        };
    }
}
