package org.secmlops.core.scan;

import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one scan. Not thread-safe: one per scan. */
final class FindingSink {

    private final List<ScanFinding> findings = new ArrayList<>();

    void add(String file, String location, Severity severity, String rule, String message) {
        findings.add(new ScanFinding(file, location, severity, rule, message));
    }

    void unparseable(String file, String location, String reason) {
        add(file, location, Severity.MEDIUM, Rules.UNPARSEABLE_FILE, reason);
    }

    List<ScanFinding> findings() {
        return findings;
    }
}
