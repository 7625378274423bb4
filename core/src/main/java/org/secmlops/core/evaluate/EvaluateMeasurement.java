package org.secmlops.core.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/** The metrics and details of a run of {@link EvaluateCapability}, from the engine's report. */
public final class EvaluateMeasurement {
    private EvaluateMeasurement() {
    }

    /** The metrics and details of an evaluation. */
    public static Measurement of(EvaluationReport report, String model, String data) {
        return of(report, model, data, ClassNames.NONE);
    }

    /** The metrics and details of an evaluation whose classes have names (shown in the report). */
    public static Measurement of(EvaluationReport report, String model, String data, ClassNames classNames) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(EvaluateCapability.ACCURACY, report.accuracy());
        metrics.put(EvaluateCapability.ECE, report.expectedCalibrationError());
        metrics.put(EvaluateCapability.LATENCY_P95, report.latencyP95Millis());
        metrics.put(EvaluateCapability.THROUGHPUT, report.throughput());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("model", model);
        details.put("data", data);
        if (!classNames.isEmpty()) {
            details.set(ClassNames.DETAILS_KEY, Json.mapper().valueToTree(classNames.names()));
        }
        details.set("evaluation", Json.mapper().valueToTree(report));
        return new Measurement(metrics, details);
    }
}
