package org.secmlops.core.capability.robustness;

/**
 * One attack at one budget against one defense configuration.
 *
 * @param attack                    the attack's name
 * @param norm                      its norm
 * @param epsilon                   the budget
 * @param robustAccuracy            share of all samples correct (and accepted) under the adaptive attack
 * @param nonAdaptiveRobustAccuracy the same under the attack that ignores the defense; null for black-box attacks
 *                                  and the undefended model, where both are the same
 */
public record DefenseAttack(String attack, String norm, double epsilon, double robustAccuracy,
        Double nonAdaptiveRobustAccuracy) {
}
