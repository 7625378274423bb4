package org.secmlops.core.detection;

import java.util.List;
import org.secmlops.core.model.ModelException;

/**
 * A loss on a detector's candidates that an attack minimises, given by its value and its gradient with respect to the
 * raw output (the upstream of the model's vector–Jacobian product).
 */
public interface DetectionLoss {
    /** The IoU with a ground-truth box from which on a candidate counts as that object's. */
    double OVERLAP = 0.3;

    /** The loss of one raw output. */
    double value(Detector detector, float[] output) throws ModelException;

    /** d loss / d output for one raw output, a vector the length of the output. */
    float[] upstream(Detector detector, float[] output) throws ModelException;

    /**
     * The vanishing loss: the sum of the scores of the candidates (score at least half the threshold) that overlap a
     * ground-truth box of their class by IoU ≥ {@value #OVERLAP}; minimising it pushes the detections of the
     * objects below the threshold.
     */
    static DetectionLoss vanishing(List<Box> truths) {
        return new CandidateLoss(truths, false);
    }

    /**
     * The untargeted loss: the vanishing loss minus the scores of the other candidates (score at least
     * {@value CandidateLoss#FALSE_POSITIVE_FLOOR}): minimising it removes the true detections and makes false ones.
     */
    static DetectionLoss untargeted(List<Box> truths) {
        return new CandidateLoss(truths, true);
    }
}
