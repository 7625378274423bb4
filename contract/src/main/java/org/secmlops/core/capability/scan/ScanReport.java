package org.secmlops.core.capability.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.secmlops.core.report.NaturalOrder;

/**
 * The result of a scan: its findings, sorted deterministically by severity (worst first), file,
 * location (numbers inside compared as numbers), rule and message, and how much was scanned.
 *
 * @param findings     the findings, sorted, unmodifiable
 * @param filesScanned how many files under the root were visited (archive members not counted)
 * @param bytesScanned the total size on disk of those files
 */
public record ScanReport(List<ScanFinding> findings, int filesScanned, long bytesScanned) {

    private static final Comparator<ScanFinding> ORDER = Comparator
            .comparing(ScanFinding::severity)
            .thenComparing(ScanFinding::file, ScanReport::compareNatural)
            .thenComparing(ScanFinding::location, ScanReport::compareNatural)
            .thenComparing(ScanFinding::rule)
            .thenComparing(ScanFinding::message);

    /** Copies and sorts the findings. */
    public ScanReport {
        Objects.requireNonNull(findings, "findings");
        List<ScanFinding> sorted = new ArrayList<>(findings);
        sorted.sort(ORDER);
        findings = List.copyOf(sorted);
        if (filesScanned < 0 || bytesScanned < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /**
     * Counts the findings of one severity.
     *
     * @param severity the severity to count
     * @return how many findings have exactly that severity
     */
    public long countBySeverity(Severity severity) {
        Objects.requireNonNull(severity, "severity");
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Compares strings, treating runs of ASCII digits as numbers ("offset 57" before "offset 123"). */
    static int compareNatural(String a, String b) {
        return NaturalOrder.INSTANCE.compare(a, b);
    }
}
