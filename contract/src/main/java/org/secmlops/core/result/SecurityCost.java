package org.secmlops.core.result;

/**
 * What a security gate cost on this machine: the performance side of the security-vs-performance trade-off.
 *
 * @param wallTimeMillis elapsed time of the gate's work
 * @param peakHeapBytes  the largest Java heap in use during the work
 * @param peakRssBytes   the process's peak resident memory (native memory included); -1 where the
 *                       operating system does not report it
 */
public record SecurityCost(long wallTimeMillis, long peakHeapBytes, long peakRssBytes) {
    public SecurityCost {
        if (wallTimeMillis < 0 || peakHeapBytes < 0) {
            throw new IllegalArgumentException("Cost must not be negative");
        }
    }
}
