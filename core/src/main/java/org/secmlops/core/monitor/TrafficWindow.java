package org.secmlops.core.monitor;

import java.util.List;
import org.secmlops.core.capability.monitor.BadRecord;

/**
 * What reading one traffic log found.
 *
 * @param log         the log's path
 * @param lines       its non-blank lines
 * @param records     its valid records
 * @param badRecords  its lines that are not valid records
 * @param badExamples the first of them, at most {@value TrafficLog#BAD_EXAMPLES}
 */
public record TrafficWindow(String log, long lines, long records, long badRecords, List<BadRecord> badExamples) {
    public TrafficWindow {
        badExamples = List.copyOf(badExamples);
    }

    /** The share of lines that are not valid records, 0 for an empty log. */
    public double badShare() {
        return lines == 0 ? 0 : (double) badRecords / lines;
    }
}
