package org.secmlops.core.robustness;

import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;

/**
 * An evasion attack: perturbs correctly classified samples within a norm ball so that the model misclassifies
 * them. Implementations are stateless, use only the given random source (same seed, same result) and check for
 * cancellation between iterations.
 */
public interface Attack {
    /** The attack's id, e.g. {@code pgd}. */
    String name();

    /** The norm that bounds its perturbations. */
    Norm norm();

    /** Whether it needs input gradients (else it runs on forward passes only). */
    boolean whiteBox();

    /**
     * Perturbs the samples.
     *
     * @param target the model
     * @param clean  the samples, inside the target's bounds; not changed
     * @param labels their true labels
     * @param eps    the budget in {@link #norm()}, in input-space units
     * @param random the only source of randomness
     * @return one point per sample within {@code eps} of it and inside the bounds: an adversarial example where the
     *         attack found one, else its best attempt
     * @throws InterruptedException when the run is cancelled
     */
    float[][] perturb(AttackTarget target, float[][] clean, int[] labels, double eps, SplittableRandom random)
            throws ModelException, InterruptedException;
}
