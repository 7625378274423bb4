package org.secmlops.core.model;

import java.util.Objects;

/**
 * A batch's outputs and the activations that describe each sample just before the output layer, from one pass.
 *
 * @param outputs   the model's output per sample, as {@link LoadedModel#predict} returns it
 * @param embedding the penultimate-layer activations per sample (flattened), or the outputs themselves when the
 *                  model exposes none ({@link LoadedModel#embeddingName()} is then {@code null})
 */
public record OutputsAndEmbedding(float[][] outputs, float[][] embedding) {
    public OutputsAndEmbedding {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(embedding, "embedding");
        if (outputs.length != embedding.length) {
            throw new IllegalArgumentException(outputs.length + " outputs for " + embedding.length + " embeddings");
        }
    }
}
