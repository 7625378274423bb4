package org.secmlops.core.robustness;

/**
 * Clean and worst-case robust accuracy of one true class at the gate budget.
 *
 * @param label          the class
 * @param support        evaluated samples of the class
 * @param cleanAccuracy  share classified correctly
 * @param robustAccuracy share robust against every attack (null when no adversarial attack ran)
 */
public record ClassRobustness(int label, long support, double cleanAccuracy, Double robustAccuracy) {
}
