package org.secmlops.core.detection;

import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;

/** An attack on a detector that changes one image's input so that its objects are missed. */
public interface DetectionAttack {
    /** The id in reports, e.g. {@code vanishing-pgd}. */
    String id();

    /** The settings in words, e.g. {@code L∞ ε = 0.031, 10 steps of 0.0078}. */
    String describe();

    /**
     * The attacked input of one image.
     *
     * @param detector the detector attacked
     * @param sample   the image, with its ground truth
     * @param input    its clean model input
     * @param random   the attack's randomness
     */
    float[] perturb(Detector detector, DetectionSample sample, float[] input, SplittableRandom random)
            throws ModelException;
}
