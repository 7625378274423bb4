package org.secmlops.core.robustness;

import java.util.Objects;

/**
 * The knobs that attacks take, gathered so that {@link AttackRegistry} can build any attack from its id; each
 * attack reads the ones it uses.
 *
 * @param norm          the budget's norm
 * @param steps         iterations of PGD and APGD
 * @param stepSizeRatio the PGD step (and SPSA learning rate) as a fraction of the budget
 * @param randomStart   whether PGD and APGD start at a random point of the ball
 * @param restarts      PGD/APGD restarts
 * @param queries       the black-box attacks' query budget per sample
 * @param spsaSamples   SPSA's perturbation samples per estimate
 */
public record AttackSettings(Norm norm, int steps, double stepSizeRatio, boolean randomStart, int restarts,
        int queries, int spsaSamples) {
    public AttackSettings {
        Objects.requireNonNull(norm, "norm");
    }
}
