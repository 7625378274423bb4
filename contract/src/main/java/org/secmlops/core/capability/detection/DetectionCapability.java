package org.secmlops.core.capability.detection;

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
 * Object detection as a gate: AP, miss rates clean, under attack, with an adversarial patch and under natural
 * corruptions, and the detector's speed. By default AP@0.5 may drop by at most 0.02 against the reference build
 * (UNSTABLE otherwise). Miss rates are taken at the decoder's score threshold and IoU 0.5.
 */
public final class DetectionCapability implements Capability {
    /** The one instance. */
    public static final DetectionCapability INSTANCE = new DetectionCapability();

    public static final String DETECTION_AP50 = "DETECTION_AP50";
    public static final String DETECTION_AP = "DETECTION_AP";
    public static final String MISS_RATE = "MISS_RATE";
    public static final String LOG_AVERAGE_MISS_RATE = "LOG_AVERAGE_MISS_RATE";
    public static final String ROBUST_MISS_RATE = "ROBUST_MISS_RATE";
    public static final String PATCH_MISS_RATE = "PATCH_MISS_RATE";
    public static final String RANDOM_PATCH_MISS_RATE = "RANDOM_PATCH_MISS_RATE";
    public static final String CORRUPTION_MISS_RATE = "CORRUPTION_MISS_RATE";
    public static final String LATENCY_P95 = "DETECTION_LATENCY_P95";
    public static final String FPS = "FPS";

    private static final MetricCatalog CATALOG = new MetricCatalog("detection", List.of(
            new MetricDefinition(DETECTION_AP50, "AP at IoU 0.5 (all-point interpolation), mean over classes (0..1)",
                    MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(DETECTION_AP, "COCO-style AP over IoU 0.50:0.95, mean over classes (0..1)",
                    MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(MISS_RATE, "Ground-truth boxes not detected at the score threshold and IoU 0.5 on"
                    + " clean images (0..1)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(LOG_AVERAGE_MISS_RATE, "Caltech log-average miss rate MR-2 over 0.01..1 false"
                    + " positives per image, mean over classes (0..1)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(ROBUST_MISS_RATE, "Miss rate under the worst gradient or black-box attack (0..1)",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(PATCH_MISS_RATE, "Miss rate with an optimised adversarial patch on every object"
                    + " (0..1)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(RANDOM_PATCH_MISS_RATE, "Miss rate with a random patch of the same size (0..1)",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(CORRUPTION_MISS_RATE, "Mean miss rate over the natural corruptions and severities"
                    + " (0..1)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(LATENCY_P95, "95th percentile of model time per image, milliseconds",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(FPS, "Images per second of model time, decoding included",
                    MetricDirection.HIGHER_IS_BETTER)));

    /** The key of the report in a result's details. */
    public static final String DETAILS_KEY = "detection";

    private DetectionCapability() {
    }

    @Override
    public String displayName() {
        return "Object detection";
    }

    @Override
    public MetricCatalog catalog() {
        return CATALOG;
    }

    @Override
    public List<String> trendMetrics() {
        return List.of(DETECTION_AP50, MISS_RATE);
    }

    @Override
    public List<QualityGate> defaultGates() {
        return List.of(QualityGate.delta(DETECTION_AP50, 0.02, Criticality.UNSTABLE));
    }

    @Override
    public Optional<String> missingThreshold(List<QualityGate> gates) {
        boolean threshold = gates.stream().anyMatch(gate -> gate.baseline() == Baseline.ABSOLUTE
                && List.of(DETECTION_AP50, DETECTION_AP, MISS_RATE, LOG_AVERAGE_MISS_RATE, ROBUST_MISS_RATE,
                        PATCH_MISS_RATE).contains(gate.metric()));
        return threshold ? Optional.empty() : Optional.of("No detection threshold is set: PASSED only means AP@0.5"
                + " did not drop against the last passing build. Set one, e.g. MISS_RATE <= 0.2 and"
                + " ROBUST_MISS_RATE <= 0.5 (docs/detection.md).");
    }

    /** The report in a result's details ({@value #DETAILS_KEY}), read back into its record (unknown fields ignored). */
    public static DetectionReport report(JsonNode details) {
        try {
            return Json.mapper().treeToValue(details.path(DETAILS_KEY), DetectionReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("detection details are not a detection report: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Renders the run facts, the per-class table, the attacks and the corruptions. */
    @Override
    public DetailSection detailSection() {
        return CapabilitySection.of(this, DetectionHtml::render);
    }

    /** E.g. {@code AP@0.5 0.8123 on 40 images, miss rate 0.1200, under attack 0.9000}. */
    @Override
    public String headline(GateRunResult result) {
        JsonNode d = result.details().path(DETAILS_KEY);
        String head = "AP@0.5 " + Units.of(result.metrics().getOrDefault(DETECTION_AP50, Double.NaN), "") + " on "
                + Units.count(d.path("images").asLong(), "image") + ", miss rate "
                + Units.of(result.metrics().getOrDefault(MISS_RATE, Double.NaN), "");
        Double robust = result.metrics().get(ROBUST_MISS_RATE);
        Double patch = result.metrics().get(PATCH_MISS_RATE);
        if (robust != null) {
            head += ", under attack " + Units.of(robust, "");
        }
        if (patch != null) {
            head += ", with a patch " + Units.of(patch, "");
        }
        return head;
    }

    @Override
    public String unit(String metric) {
        return switch (metric) {
            case LATENCY_P95 -> "ms";
            case FPS -> "images/s";
            default -> "";
        };
    }
}
