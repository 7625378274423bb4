package org.secmlops.core.robustness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/** The metrics and details of a run of {@link RobustnessCapability}, from the engine's report. */
public final class RobustnessMeasurement {
    private RobustnessMeasurement() {
    }

    /** The metrics and details of an evaluation; metrics of parts that did not run are left out. */
    public static Measurement of(RobustnessReport report, String model, String data) {
        return of(report, model, data, null, ClassNames.NONE);
    }

    /**
     * The metrics and details of a robustness run.
     *
     * @param rangeSource where the valid input range came from (given, 8-bit, observed in the data, none), or null
     * @param classNames  the classes' names, shown in the report
     */
    public static Measurement of(RobustnessReport report, String model, String data, String rangeSource,
            ClassNames classNames) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(RobustnessCapability.CLEAN_ACCURACY, report.cleanAccuracy());
        WorstCase worst = report.gateWorstCase();
        if (worst != null) {
            metrics.put(RobustnessCapability.ROBUST_ACCURACY, worst.robustAccuracy());
            metrics.put(RobustnessCapability.ROBUST_ACCURACY_DROP, report.cleanAccuracy() - worst.robustAccuracy());
            metrics.put(RobustnessCapability.ATTACK_SUCCESS_RATE, worst.attackSuccessRate());
        }
        if (report.corruptionAccuracy() != null) {
            metrics.put(RobustnessCapability.CORRUPTION_ACCURACY, report.corruptionAccuracy());
        }
        if (report.certifiedAccuracy() != null) {
            metrics.put(RobustnessCapability.CERTIFIED_ACCURACY, report.certifiedAccuracy());
        }
        metrics.put(RobustnessCapability.VALIDITY_FLAGS, (double) report.validityFlags().size());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("model", model);
        details.put("data", data);
        if (rangeSource != null) {
            details.put("validRangeSource", rangeSource);
        }
        if (!classNames.isEmpty()) {
            details.set(ClassNames.DETAILS_KEY, Json.mapper().valueToTree(classNames.names()));
        }
        details.set("robustness", Json.mapper().valueToTree(report));
        return new Measurement(metrics, details);
    }
}
