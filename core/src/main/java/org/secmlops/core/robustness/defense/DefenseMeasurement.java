package org.secmlops.core.robustness.defense;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.robustness.DefenseReport;
import org.secmlops.core.capability.robustness.DefenseRow;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.result.Json;
import org.secmlops.core.robustness.ValidityFlag;
import org.secmlops.core.run.Measurement;

/** Adds a trade-off evaluation to a robustness measurement: the selected configuration's metrics and the table. */
public final class DefenseMeasurement {
    private DefenseMeasurement() {
    }

    /** The validity flag raised when a defense's robustness holds only against attacks that ignore it. */
    public static ValidityFlag maskingFlag(DefenseReport report) {
        String masking = String.join(", ", report.rows().stream().filter(DefenseRow::gradientMasking)
                .map(DefenseRow::defense).toList());
        return new ValidityFlag("DEFENSE_MASKS_GRADIENTS", "A defense only hides the gradient",
                masking + ": robust accuracy under attacks that ignore the defense is more than "
                        + DefenseReport.MASKING_MARGIN + " above robust accuracy under the adaptive attack (BPDA,"
                        + " EOT); the defense gives less robustness than it seems to. Judge it by the adaptive number.");
    }

    /** Whether any defense masks gradients. */
    public static boolean masks(DefenseReport report) {
        return report.rows().stream().anyMatch(DefenseRow::gradientMasking);
    }

    /** The measurement with the selected configuration's {@code DEFENSE_*} metrics and the trade-off's details. */
    public static Measurement with(Measurement measurement, DefenseReport report) {
        Map<String, Double> metrics = new LinkedHashMap<>(measurement.metrics());
        metrics.putAll(DefenseMetrics.of(report.selectedRow(), report.baseline()));
        ObjectNode details = ((ObjectNode) measurement.details()).deepCopy();
        details.set(RobustnessCapability.DEFENSES_KEY, Json.mapper().valueToTree(report));
        return new Measurement(metrics, details);
    }
}
