package org.secmlops.core.detection;

import java.util.List;
import org.secmlops.core.model.ModelException;

/** {@link DetectionLoss#vanishing} and {@link DetectionLoss#untargeted}. */
final class CandidateLoss implements DetectionLoss {
    /** Candidates below this score are not pushed up as false positives. */
    static final float FALSE_POSITIVE_FLOOR = 0.01f;
    private final List<Box> truths;
    private final boolean untargeted;

    CandidateLoss(List<Box> truths, boolean untargeted) {
        this.truths = List.copyOf(truths);
        this.untargeted = untargeted;
    }

    @Override
    public double value(Detector detector, float[] output) throws ModelException {
        double loss = 0;
        for (Candidate c : candidates(detector, output)) {
            loss += weight(c.box()) * c.box().score();
        }
        return loss;
    }

    @Override
    public float[] upstream(Detector detector, float[] output) throws ModelException {
        float[] u = new float[output.length];
        for (Candidate c : candidates(detector, output)) {
            c.addScoreGradient(u, weight(c.box()));
        }
        return u;
    }

    private List<Candidate> candidates(Detector detector, float[] output) throws ModelException {
        float half = detector.decoder().scoreThreshold() / 2;
        float floor = untargeted ? Math.min(FALSE_POSITIVE_FLOOR, half) : half;
        return detector.candidates(output, floor).stream()
                .filter(c -> matched(c.box()) ? c.box().score() >= half : untargeted)
                .toList();
    }

    private float weight(Box box) {
        return matched(box) ? 1f : -1f;
    }

    private boolean matched(Box box) {
        for (Box t : truths) {
            if (t.label() == box.label() && t.iou(box) >= OVERLAP) {
                return true;
            }
        }
        return false;
    }
}
