package org.secmlops.core.scan;

import java.nio.file.Path;
import java.util.List;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

/** Scans a folder with the default policy and picks findings out of the report. */
final class ScanAssert {

    private ScanAssert() {
    }

    static ScanReport scan(Path dir) throws ScanException {
        return new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults()).scan(dir, line -> { });
    }

    /** @return the findings about one file (archive members included as {@code file!/member}) */
    static List<ScanFinding> about(ScanReport report, String file) {
        return report.findings().stream().filter(f -> f.file().equals(file)).toList();
    }

    /** @return the worst severity in the report, or {@code null} when it has no finding */
    static Severity worst(List<ScanFinding> findings) {
        return findings.stream().map(ScanFinding::severity).min(Enum::compareTo).orElse(null);
    }
}
