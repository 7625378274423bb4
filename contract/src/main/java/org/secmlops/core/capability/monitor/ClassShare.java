package org.secmlops.core.capability.monitor;

/**
 * The share of one predicted class in the reference and in the window.
 *
 * @param label     the class index
 * @param reference its share in the reference (the model's predictions, or the labels without a model)
 * @param window    its share of the window's predictions
 */
public record ClassShare(int label, double reference, double window) {
}
