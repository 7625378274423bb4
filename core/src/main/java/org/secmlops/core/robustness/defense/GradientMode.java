package org.secmlops.core.robustness.defense;

/** How an attack differentiates through a defense. */
public enum GradientMode {
    /**
     * Through the defense as it is (its own derivative, one random draw): what an attack that ignores the defense
     * sees. Zero for quantizing defenses, so it overstates their robustness.
     */
    NON_ADAPTIVE,
    /**
     * Adaptive (Athalye, Carlini and Wagner, ICML 2018): BPDA — the defense in the forward pass, the identity in
     * the backward pass — and, for randomized defenses, EOT: the gradient averaged over draws.
     */
    ADAPTIVE
}
