package org.secmlops.core.capability.robustness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.CapabilitySection;
import org.secmlops.core.capability.IssueTracking;
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
 * Adversarial and natural robustness as a gate. By default any validity flag makes the build unstable, and the
 * worst-case robust accuracy may drop by at most 0.05 against the reference build (UNSTABLE otherwise).
 */
public final class RobustnessCapability implements Capability {
    /** The one instance. */
    public static final RobustnessCapability INSTANCE = new RobustnessCapability();

    public static final String CLEAN_ACCURACY = "CLEAN_ACCURACY";
    public static final String ROBUST_ACCURACY = "ROBUST_ACCURACY";
    public static final String ROBUST_ACCURACY_DROP = "ROBUST_ACCURACY_DROP";
    public static final String ATTACK_SUCCESS_RATE = "ATTACK_SUCCESS_RATE";
    public static final String CORRUPTION_ACCURACY = "CORRUPTION_ACCURACY";
    public static final String CERTIFIED_ACCURACY = "CERTIFIED_ACCURACY";
    public static final String VALIDITY_FLAGS = "VALIDITY_FLAGS";
    public static final String DEFENSE_ROBUST_ACCURACY = "DEFENSE_ROBUST_ACCURACY";
    public static final String DEFENSE_CLEAN_ACCURACY_DROP = "DEFENSE_CLEAN_ACCURACY_DROP";
    public static final String DEFENSE_LATENCY_OVERHEAD = "DEFENSE_LATENCY_OVERHEAD";
    public static final String DEFENSE_THROUGHPUT = "DEFENSE_THROUGHPUT";
    public static final String NEWLY_BROKEN_SAMPLES = "NEWLY_BROKEN_SAMPLES";

    private static final BrokenSamples ISSUES = new BrokenSamples();
    /** The key of the defenses' trade-off in the result's details. */
    public static final String DEFENSES_KEY = "defenses";

    private static final MetricCatalog CATALOG = new MetricCatalog("robustness", List.of(
            new MetricDefinition(CLEAN_ACCURACY, "Share of the evaluated samples classified correctly (0..1)",
                    MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(ROBUST_ACCURACY, "Share of samples correct and unbroken by every attack at the"
                    + " largest epsilon (0..1)", MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(ROBUST_ACCURACY_DROP, "Clean minus robust accuracy (0..1)",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(ATTACK_SUCCESS_RATE, "Share of correctly classified samples some attack broke at the"
                    + " largest epsilon (0..1)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(CORRUPTION_ACCURACY, "Mean accuracy over the corruptions and severities run (0..1)",
                    MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(CERTIFIED_ACCURACY, "Randomized-smoothing certified accuracy at the largest radius"
                    + " (0..1)", MetricDirection.HIGHER_IS_BETTER),
            MetricDefinition.count(VALIDITY_FLAGS, "Validity checks that failed (gradient masking and similar)",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(DEFENSE_ROBUST_ACCURACY, "Robust accuracy of the selected defense configuration"
                    + " under adaptive attacks at the largest epsilon (0..1)", MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(DEFENSE_CLEAN_ACCURACY_DROP, "Clean accuracy of the undefended model minus that of"
                    + " the selected defense configuration (0..1)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(DEFENSE_LATENCY_OVERHEAD, "Time per sample of the selected defense configuration"
                    + " relative to the undefended model (1 = none)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(DEFENSE_THROUGHPUT, "Samples per second through the selected defense configuration",
                    MetricDirection.HIGHER_IS_BETTER),
            MetricDefinition.count(NEWLY_BROKEN_SAMPLES, "Samples robust at the largest epsilon in the reference build"
                    + " and misclassified or broken now; 0 without a reference build (only when an attack ran)",
                    MetricDirection.LOWER_IS_BETTER)));

    private RobustnessCapability() {
    }

    @Override
    public String displayName() {
        return "Robustness";
    }

    /** Samples are followed across builds by id: robust in the reference build, not robust now. */
    @Override
    public Optional<IssueTracking> issueTracking() {
        return Optional.of(ISSUES);
    }

    @Override
    public List<String> trendMetrics() {
        return List.of(ROBUST_ACCURACY, CLEAN_ACCURACY);
    }

    @Override
    public MetricCatalog catalog() {
        return CATALOG;
    }

    @Override
    public List<QualityGate> defaultGates() {
        return List.of(QualityGate.absolute(VALIDITY_FLAGS, 0, Criticality.UNSTABLE),
                QualityGate.delta(ROBUST_ACCURACY, 0.05, Criticality.UNSTABLE));
    }

    /**
     * The defenses' trade-off in a result's details ({@code defenses}), read back into its record (unknown fields
     * ignored).
     */
    public static DefenseReport defenses(JsonNode details) {
        try {
            return Json.mapper().treeToValue(details.path(DEFENSES_KEY), DefenseReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("defense details are not a trade-off report: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Optional<String> missingThreshold(List<QualityGate> gates) {
        boolean threshold = gates.stream().anyMatch(gate -> gate.baseline() == Baseline.ABSOLUTE
                && List.of(ROBUST_ACCURACY, ROBUST_ACCURACY_DROP, ATTACK_SUCCESS_RATE).contains(gate.metric()));
        return threshold ? Optional.empty() : Optional.of("No robustness threshold is set: PASSED only means the"
                + " evaluation was valid and robust accuracy did not drop against the last passing build, not that"
                + " the model is robust enough. Set one, e.g. ROBUST_ACCURACY >= 0.4 (docs/gates.md, recommended"
                + " gates).");
    }

    /** Renders the curve, validity flags, corruptions, certification and examples. */
    @Override
    public DetailSection detailSection() {
        return CapabilitySection.of(this, RobustnessHtml::render);
    }

    /** E.g. {@code robust accuracy 0.42 at ε = 0.03 (linf), clean accuracy 0.95}. */
    @Override
    public String headline(GateRunResult result) {
        JsonNode r = result.details().path("robustness");
        Double clean = result.metrics().get(CLEAN_ACCURACY);
        Double robust = result.metrics().get(ROBUST_ACCURACY);
        String cleanText = "clean accuracy " + (clean == null ? Units.NOT_AVAILABLE : Units.of(clean, ""));
        String head;
        if (robust == null || !r.path("gateEpsilon").isNumber()) {
            head = cleanText + "; no adversarial attack ran";
        } else {
            String norm = r.path("attacks").path(0).path("norm").asText("");
            head = "robust accuracy " + Units.of(robust, "") + " at ε = "
                    + BigDecimal.valueOf(r.path("gateEpsilon").asDouble()).stripTrailingZeros().toPlainString()
                    + (norm.isEmpty() ? "" : " (" + norm + ")") + ", " + cleanText;
        }
        long flags = result.metrics().getOrDefault(VALIDITY_FLAGS, 0.0).longValue();
        return flags == 0 ? head : head + ", " + Units.count(flags, "validity flag") + " raised";
    }
}
