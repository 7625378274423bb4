package org.secmlops.core.detection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.capability.detection.DetectionReport;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/** The metrics and details of a run of {@link DetectionCapability}. */
public final class DetectionMeasurement {
    private DetectionMeasurement() {
    }

    /**
     * @param report        the evaluation
     * @param attackMetrics the attack and corruption metrics that were measured
     */
    public static Measurement of(DetectionReport report, Map<String, Double> attackMetrics, String model, String data,
            ClassNames classNames) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(DetectionCapability.DETECTION_AP50, report.ap50());
        metrics.put(DetectionCapability.DETECTION_AP, report.ap());
        metrics.put(DetectionCapability.MISS_RATE, report.missRate());
        metrics.put(DetectionCapability.LOG_AVERAGE_MISS_RATE, report.logAverageMissRate());
        for (String name : new String[] {DetectionCapability.ROBUST_MISS_RATE, DetectionCapability.PATCH_MISS_RATE,
                DetectionCapability.RANDOM_PATCH_MISS_RATE, DetectionCapability.CORRUPTION_MISS_RATE}) {
            if (attackMetrics.containsKey(name)) {
                metrics.put(name, attackMetrics.get(name));
            }
        }
        metrics.put(DetectionCapability.LATENCY_P95, report.latencyP95Millis());
        metrics.put(DetectionCapability.FPS, report.fps());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("model", model);
        details.put("data", data);
        if (!classNames.isEmpty()) {
            details.set(ClassNames.DETAILS_KEY, Json.mapper().valueToTree(classNames.names()));
        }
        details.set(DetectionCapability.DETAILS_KEY, Json.mapper().valueToTree(report));
        return new Measurement(metrics, details);
    }
}
