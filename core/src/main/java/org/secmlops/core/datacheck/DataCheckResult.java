package org.secmlops.core.datacheck;

import java.util.List;
import java.util.Objects;

/**
 * A data check's report with the per-sample results behind it.
 *
 * @param report     what the check found
 * @param manifest   the data's manifest
 * @param detectors  every detector's scores and flags per sample
 * @param suspicious whether each sample is suspicious
 * @param combined   the combined suspicion score per sample
 */
public record DataCheckResult(DataCheckReport report, DataManifest manifest, List<DetectorResult> detectors,
        boolean[] suspicious, double[] combined, LearnerCache learnerCache) {
    public DataCheckResult {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(manifest, "manifest");
        detectors = List.copyOf(detectors);
    }
}
