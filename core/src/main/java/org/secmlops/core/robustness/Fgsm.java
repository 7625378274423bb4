package org.secmlops.core.robustness;

import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;

/**
 * Fast gradient (sign) method, Goodfellow et al. 2015: one step of size ε along the steepest-ascent direction of
 * the cross-entropy ({@code sign(∇)} for L∞, {@code ∇/‖∇‖} for L2), clipped into the valid range. One gradient
 * pass per sample; deterministic.
 *
 * @param norm the norm of the budget
 */
public record Fgsm(Norm norm) implements Attack {
    @Override
    public String name() {
        return "fgsm";
    }

    @Override
    public boolean whiteBox() {
        return true;
    }

    @Override
    public float[][] perturb(AttackTarget target, float[][] clean, int[] labels, double eps, SplittableRandom random)
            throws ModelException, InterruptedException {
        float[][] gradient = target.outputsAndGradient(clean, labels).gradient();
        float[][] out = new float[clean.length][];
        for (int i = 0; i < clean.length; i++) {
            out[i] = new Ball(clean[i], eps, norm, target.bounds()).step(clean[i], gradient[i], eps);
        }
        return out;
    }
}
