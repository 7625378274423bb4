package org.secmlops.core.datacheck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/** The metrics and details of a run of {@link DataCheckCapability}, from the engine's report. */
public final class DataCheckMeasurement {
    private DataCheckMeasurement() {
    }

    /** The metrics and details of a data check. */
    public static Measurement of(DataCheckReport report) {
        return of(report, ClassNames.NONE);
    }

    /** The metrics and details of a data check whose classes have names (shown in the report). */
    public static Measurement of(DataCheckReport report, ClassNames classNames) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(DataCheckCapability.SUSPICIOUS_FRACTION, report.suspiciousFraction());
        metrics.put(DataCheckCapability.LABEL_ISSUES, (double) report.labelIssues());
        metrics.put(DataCheckCapability.BACKDOOR_SUSPECTS, (double) report.backdoorSuspects());
        metrics.put(DataCheckCapability.DUPLICATES, (double) report.duplicates());
        if (report.drift() != null) {
            metrics.put(DataCheckCapability.DRIFT_MAX_PSI, report.drift().maxPsi());
        }
        if (report.integrity() != null) {
            metrics.put(DataCheckCapability.INTEGRITY_CHANGES, (double) report.integrity().changes());
        }
        ObjectNode details = Json.mapper().createObjectNode();
        if (!classNames.isEmpty()) {
            details.set(ClassNames.DETAILS_KEY, Json.mapper().valueToTree(classNames.names()));
        }
        details.set("dataCheck", Json.mapper().valueToTree(report));
        return new Measurement(metrics, details);
    }
}
