package org.secmlops.core.robustness;

/**
 * Accuracy on corrupted samples.
 *
 * @param corruption the corruption's id, e.g. {@code blur}
 * @param severity   1..5
 * @param level      the severity's parameter (see {@link Corruption})
 * @param accuracy   share of all evaluated samples classified correctly after the corruption
 * @param seconds    wall time, corruption and forward passes
 */
public record CorruptionResult(String corruption, int severity, double level, double accuracy, double seconds) {
}
