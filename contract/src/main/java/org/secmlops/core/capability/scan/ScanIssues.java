package org.secmlops.core.capability.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secmlops.core.capability.IssueTracking;
import org.secmlops.core.capability.TrackedIssue;

/** Scan findings across builds: a finding is the same when its file, location and rule are. */
final class ScanIssues implements IssueTracking {
    @Override
    public String noun() {
        return "findings";
    }

    @Override
    public List<TrackedIssue> issues(JsonNode details) {
        return ScanCapability.report(details).findings().stream()
                .map(finding -> new TrackedIssue(key(finding), finding.severity().name(), finding.message()))
                .toList();
    }

    /** {@code file | location | rule}, or {@code file | rule} for a finding about the whole file. */
    static String key(ScanFinding finding) {
        return finding.file() + (finding.location().isEmpty() ? "" : " | " + finding.location()) + " | "
                + finding.rule();
    }

    @Override
    public Map<String, Double> metrics(List<TrackedIssue> newIssues) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(ScanCapability.NEW_CRITICAL_FINDINGS, count(newIssues, Severity.CRITICAL));
        metrics.put(ScanCapability.NEW_HIGH_FINDINGS, count(newIssues, Severity.HIGH));
        metrics.put(ScanCapability.NEW_FINDINGS, (double) newIssues.size());
        return metrics;
    }

    private static double count(List<TrackedIssue> issues, Severity severity) {
        return issues.stream().filter(issue -> issue.kind().equals(severity.name())).count();
    }
}
