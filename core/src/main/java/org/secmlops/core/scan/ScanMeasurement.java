package org.secmlops.core.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/** The metrics and details of a run of {@link ScanCapability}, from the engine's report. */
public final class ScanMeasurement {
    private ScanMeasurement() {
    }

    /** The metrics and details of a scan report. */
    public static Measurement of(ScanReport report) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            metrics.put(ScanCapability.metricName(severity), (double) report.countBySeverity(severity));
        }
        metrics.put("FILES_SCANNED", (double) report.filesScanned());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("filesScanned", report.filesScanned());
        details.put("bytesScanned", report.bytesScanned());
        ArrayNode findings = details.putArray("findings");
        for (ScanFinding finding : report.findings()) {
            findings.add(Json.mapper().valueToTree(finding));
        }
        return new Measurement(metrics, details);
    }
}
