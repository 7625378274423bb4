package org.secmlops.core.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.Severity;

/**
 * Collects the findings of one scan. At most {@link #MAX_PER_FILE} findings are kept per file on
 * disk (archive members included), so a hostile file cannot flood the report. Not thread-safe.
 */
final class FindingSink {

    static final int MAX_PER_FILE = 1000;

    private final List<ScanFinding> findings = new ArrayList<>();
    private final Map<String, Integer> perFile = new HashMap<>();

    void add(String file, String location, Severity severity, String rule, String message) {
        int bang = file.indexOf("!/");
        String top = bang < 0 ? file : file.substring(0, bang);
        int count = perFile.merge(top, 1, Integer::sum);
        if (count < MAX_PER_FILE) {
            findings.add(new ScanFinding(file, location, severity, rule, message));
        } else if (count == MAX_PER_FILE) {
            findings.add(new ScanFinding(top, "", Severity.MEDIUM, Rules.FINDINGS_TRUNCATED, "more than "
                    + (MAX_PER_FILE - 1) + " findings in this file; the rest are not listed"));
        }
    }

    void unparseable(String file, String location, String reason) {
        add(file, location, Severity.MEDIUM, Rules.UNPARSEABLE_FILE, reason);
    }

    List<ScanFinding> findings() {
        return findings;
    }
}
