package org.secmlops.core.detection;

/**
 * One candidate box of a detector's raw output, before NMS, with where its score comes from: the score is a product
 * of output values, and {@code partials[i]} is its derivative with respect to the output value at
 * {@code indices[i]} (what an attack's loss carries back to the input).
 *
 * @param box      the box, its score and class
 * @param indices  positions in the flat output the score depends on
 * @param partials d score / d output at those positions
 */
public record Candidate(Box box, int[] indices, float[] partials) {
    public Candidate {
        indices = indices.clone();
        partials = partials.clone();
        if (indices.length != partials.length) {
            throw new IllegalArgumentException(indices.length + " indices for " + partials.length + " partials");
        }
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public float[] partials() {
        return partials.clone();
    }

    /** Adds {@code weight} × d score / d output into {@code upstream}, a vector the length of the output. */
    public void addScoreGradient(float[] upstream, float weight) {
        for (int i = 0; i < indices.length; i++) {
            upstream[indices[i]] += weight * partials[i];
        }
    }
}
