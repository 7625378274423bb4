package org.secmlops.core.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.monitor.MonitorReport;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/**
 * The metrics and details of a run of {@link MonitorCapability}, from the window's report. Prediction drift is
 * measured only with predictions, the confidence drop only with a reference confidence (a model), accuracy only
 * with labelled predictions.
 */
public final class MonitorMeasurement {
    private MonitorMeasurement() {
    }

    /** The metrics and details of a monitoring window. */
    public static Measurement of(MonitorReport report) {
        return of(report, ClassNames.NONE);
    }

    /** The metrics and details of a monitoring window whose classes have names (shown in the report). */
    public static Measurement of(MonitorReport report, ClassNames classNames) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MonitorCapability.INPUT_DRIFT_PSI, report.maxPsi());
        metrics.put(MonitorCapability.EMBEDDING_DRIFT, report.embeddingMmd());
        metrics.put(MonitorCapability.EMBEDDING_DRIFT_P, report.embeddingPValue());
        if (report.predictions() > 0) {
            metrics.put(MonitorCapability.PREDICTION_DRIFT_PSI, report.predictionPsi());
            if (Double.isFinite(report.referenceConfidence())) {
                metrics.put(MonitorCapability.CONFIDENCE_DROP, report.referenceConfidence() - report.confidence());
            }
        }
        metrics.put(MonitorCapability.ATTACK_CLIENTS, (double) report.flaggedClients().size());
        if (report.labelled() > 0) {
            metrics.put(MonitorCapability.ACCURACY, report.accuracy());
            if (Double.isFinite(report.baselineAccuracy())) {
                metrics.put(MonitorCapability.ACCURACY_DROP, report.baselineAccuracy() - report.accuracy());
            }
        }
        metrics.put(MonitorCapability.ADVERSARIAL_INPUT_RATE, report.records() == 0 ? 0
                : (double) report.adversarialInputs() / report.records());
        metrics.put(MonitorCapability.BAD_RECORDS, report.lines() == 0 ? 0 : (double) report.badRecords()
                / report.lines());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("traffic", report.traffic());
        details.put("reference", report.reference());
        if (!classNames.isEmpty()) {
            details.set(ClassNames.DETAILS_KEY, Json.mapper().valueToTree(classNames.names()));
        }
        details.set("monitor", Json.mapper().valueToTree(report));
        return new Measurement(metrics, details);
    }
}
