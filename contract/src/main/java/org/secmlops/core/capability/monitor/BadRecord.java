package org.secmlops.core.capability.monitor;

/**
 * A line of the traffic log that is not a valid record.
 *
 * @param line   its 1-based line number
 * @param reason why it was refused, e.g. {@code input has 10 values, the reference 64}
 */
public record BadRecord(long line, String reason) {
}
