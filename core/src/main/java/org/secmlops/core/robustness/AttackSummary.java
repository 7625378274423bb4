package org.secmlops.core.robustness;

/**
 * What one attack achieved over all budgets.
 *
 * @param attack             the attack's id
 * @param norm               {@code linf} or {@code l2}
 * @param whiteBox           whether it used gradients
 * @param brokenAtSomeBudget correctly classified samples broken at some ε of the curve
 * @param meanMinimalEpsilon mean over those samples of the smallest ε of the curve at which the attack broke them (an
 *                           upper bound of the minimal adversarial perturbation at the curve's resolution); null when
 *                           it broke none
 */
public record AttackSummary(String attack, String norm, boolean whiteBox, long brokenAtSomeBudget,
        Double meanMinimalEpsilon) {
}
