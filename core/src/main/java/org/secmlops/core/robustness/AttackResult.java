package org.secmlops.core.robustness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One attack at one budget: a point of the robustness curve and its cost.
 *
 * @param attack                 the attack's id, e.g. {@code pgd}
 * @param norm                   {@code linf} or {@code l2}
 * @param whiteBox               whether it used gradients
 * @param epsilon                the budget
 * @param robustAccuracy         share of all evaluated samples that are classified correctly and that the attack did
 *                               not break
 * @param successRate            share of the correctly classified samples the attack broke
 * @param attacked               correctly classified samples attacked
 * @param broken                 samples broken (verified by a separate forward pass: misclassified, within ε, in range)
 * @param meanPerturbation       mean size (in the norm) of the perturbations that broke a sample; null when none did
 * @param perClassRobustAccuracy robust accuracy per true class (null for a class without samples)
 * @param seconds                wall time of the attack (without the verification pass)
 * @param allocatedBytes         Java heap allocated by the attack (−1 where the JVM does not report it); native engine
 *                               memory is not included
 * @param forwardPasses          samples run forward by the attack
 * @param gradientPasses         samples run forward and backward by the attack
 * @param passesPerSample        (forward + gradient passes) ÷ attacked samples
 */
public record AttackResult(String attack, String norm, boolean whiteBox, double epsilon, double robustAccuracy,
        double successRate, long attacked, long broken, Double meanPerturbation, List<Double> perClassRobustAccuracy,
        double seconds, long allocatedBytes, long forwardPasses, long gradientPasses, double passesPerSample) {
    public AttackResult {
        // null marks a class without samples, which List.copyOf would refuse
        perClassRobustAccuracy = Collections.unmodifiableList(new ArrayList<>(perClassRobustAccuracy));
    }
}
