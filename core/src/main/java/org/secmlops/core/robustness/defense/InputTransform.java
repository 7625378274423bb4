package org.secmlops.core.robustness.defense;

import java.util.SplittableRandom;

/**
 * A defense that transforms every input before the model sees it (in the model's input space, after
 * preprocessing). Implementations are immutable and thread-safe.
 */
public interface InputTransform {
    /** The transformed copy of one sample; {@code x} is not modified. */
    float[] apply(float[] x, SplittableRandom random);

    /** The transformed copy of every sample of a batch, drawing from {@code random} where the transform is random. */
    default float[][] applyAll(float[][] batch, SplittableRandom random) {
        float[][] out = new float[batch.length][];
        for (int i = 0; i < batch.length; i++) {
            out[i] = apply(batch[i], random);
        }
        return out;
    }

    /** Whether {@link #apply} draws random numbers (then attacks average gradients over draws: EOT). */
    default boolean randomized() {
        return false;
    }

    /**
     * The transform's own vector-Jacobian product at {@code x}: what differentiating straight through the defense
     * gives a non-adaptive attack ({@code upstream} is the model's input gradient at the transformed sample). Zero
     * for piecewise-constant transforms such as quantization, which is why they seem to resist gradient attacks.
     */
    float[] naiveBackward(float[] x, float[] upstream);
}
