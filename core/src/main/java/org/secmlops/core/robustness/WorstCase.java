package org.secmlops.core.robustness;

/**
 * The per-sample worst case over all adversarial attacks at one budget (AutoAttack style): a sample is robust only if
 * it is classified correctly and no attack broke it.
 *
 * @param epsilon           the budget
 * @param robustAccuracy    share of all evaluated samples that are robust
 * @param attackSuccessRate share of the correctly classified samples that some attack broke
 */
public record WorstCase(double epsilon, double robustAccuracy, double attackSuccessRate) {
}
