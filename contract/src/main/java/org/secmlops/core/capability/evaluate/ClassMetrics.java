package org.secmlops.core.capability.evaluate;

/**
 * Precision and recall of one class.
 *
 * @param label     the class index
 * @param support   samples whose true class it is
 * @param predicted samples predicted as it
 * @param precision correct / predicted, {@code NaN} when never predicted
 * @param recall    correct / support, {@code NaN} when absent from the data
 */
public record ClassMetrics(int label, long support, long predicted, double precision, double recall) {
}
