package org.secmlops.core.detection;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.robustness.InputBounds;

/**
 * PGD (and FGSM, one step from the clean image of size ε) under an L∞ budget on the whole image, minimising a
 * {@link DetectionLoss} through the model's vector–Jacobian product: {@code x ← clip(x − α · sign(∇ loss))}, projected
 * onto the ε-ball and the valid range. The iterate with the lowest loss is returned; the attack stops when the loss is
 * 0 (for the vanishing loss: no object's candidate is left at half the threshold or above).
 *
 * @param id          the id in reports
 * @param loss        the loss of an image's ground truth
 * @param epsilon     the L∞ budget in input units, positive
 * @param steps       iterations, positive
 * @param stepSize    α, positive
 * @param randomStart whether to start at a uniform random point of the ball
 */
public record DetectionPgd(String id, Function<List<Box>, DetectionLoss> loss, float epsilon, int steps,
        float stepSize, boolean randomStart) implements DetectionAttack {
    public DetectionPgd {
        if (!(epsilon > 0) || steps <= 0 || !(stepSize > 0)) {
            throw new IllegalArgumentException("PGD needs ε > 0, steps > 0 and a step size > 0");
        }
    }

    /** Vanishing PGD: {@code steps} steps of 2.5 ε / steps from a random start. */
    public static DetectionPgd vanishing(float epsilon, int steps) {
        return new DetectionPgd("vanishing-pgd", DetectionLoss::vanishing, epsilon, steps, 2.5f * epsilon / steps, true);
    }

    /** Vanishing FGSM: one step of ε from the clean image. */
    public static DetectionPgd vanishingFgsm(float epsilon) {
        return new DetectionPgd("vanishing-fgsm", DetectionLoss::vanishing, epsilon, 1, epsilon, false);
    }

    /** Untargeted PGD: removes true detections and makes false ones. */
    public static DetectionPgd untargeted(float epsilon, int steps) {
        return new DetectionPgd("untargeted-pgd", DetectionLoss::untargeted, epsilon, steps, 2.5f * epsilon / steps,
                true);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "L∞ ε = %.4g, %d step%s of %.4g%s", epsilon, steps, steps == 1 ? "" : "s",
                stepSize, randomStart ? ", random start" : "");
    }

    @Override
    public float[] perturb(Detector detector, DetectionSample sample, float[] input, SplittableRandom random)
            throws ModelException {
        DetectionLoss objective = loss.apply(sample.truths());
        InputBounds bounds = detector.bounds();
        float[] low = bounds.low();
        float[] high = bounds.high();
        float[] x = input.clone();
        if (randomStart) {
            for (int i = 0; i < x.length; i++) {
                x[i] = clip(input[i] + (float) random.nextDouble(-epsilon, epsilon), input[i], low[i], high[i]);
            }
        }
        float[] best = x.clone();
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int step = 0; step < steps; step++) {
            var result = detector.lossGradient(x, objective);
            double value = objective.value(detector, result.outputs()[0]);
            if (value < bestLoss) {
                bestLoss = value;
                best = x.clone();
            }
            if (value == 0) {
                return best;
            }
            float[] g = result.gradient()[0];
            for (int i = 0; i < x.length; i++) {
                float s = Math.signum(g[i]);
                if (Float.isNaN(s)) {
                    s = 0;
                }
                x[i] = clip(x[i] - stepSize * s, input[i], low[i], high[i]);
            }
        }
        double last = objective.value(detector, detector.output(x));
        return last <= bestLoss ? x : best;
    }

    private float clip(float value, float clean, float low, float high) {
        return Math.min(high, Math.max(low, Math.min(clean + epsilon, Math.max(clean - epsilon, value))));
    }
}
