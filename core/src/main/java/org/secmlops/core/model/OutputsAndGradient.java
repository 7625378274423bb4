package org.secmlops.core.model;

import java.util.Objects;

/**
 * The model's outputs and the input gradient of the cross-entropy for one batch, from one call.
 *
 * @param outputs  the model's output per sample, as {@link LoadedModel#predict} returns it
 * @param gradient {@code d CE(softmax(output_i), labels[i]) / d input_i} per sample, as
 *                 {@link LoadedModel#inputGradient} returns it
 */
public record OutputsAndGradient(float[][] outputs, float[][] gradient) {
    public OutputsAndGradient {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(gradient, "gradient");
        if (outputs.length != gradient.length) {
            throw new IllegalArgumentException(outputs.length + " outputs for " + gradient.length + " gradients");
        }
    }
}
