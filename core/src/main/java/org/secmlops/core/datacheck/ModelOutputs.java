package org.secmlops.core.datacheck;

import java.util.Objects;

/**
 * A model's view of the data, when the user gives a model: its class probabilities per sample and the
 * representation the backdoor and neighbour detectors use.
 *
 * @param probabilities class probabilities per sample (softmax of the logits unless the model ends in softmax)
 * @param embedding     the representation per sample: the penultimate-layer activations where the model exposes
 *                      them, else its logits
 * @param description   e.g. {@code logits of model/ (TensorFlow 2.16.1)}
 * @param reclassifier  runs the model again on changed samples, or {@code null} when it cannot be (then the occlusion
 *                      test of trigger patches is left out)
 */
public record ModelOutputs(float[][] probabilities, float[][] embedding, String description,
        Reclassifier reclassifier) {
    public ModelOutputs {
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(description, "description");
        if (probabilities.length != embedding.length) {
            throw new IllegalArgumentException("probabilities and embedding differ in length");
        }
    }

    /** Outputs of a model that cannot be run again. */
    public ModelOutputs(float[][] probabilities, float[][] embedding, String description) {
        this(probabilities, embedding, description, null);
    }
}
