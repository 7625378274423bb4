package org.secmlops.core.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

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
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isDigit(b.charAt(j))) {
                    j++;
                }
                String na = stripZeros(a.substring(si, i));
                String nb = stripZeros(b.substring(sj, j));
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
