package org.secmlops.core.robustness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks whether the robustness numbers can be trusted. Each raised flag is a reason to distrust a high robust
 * accuracy (gradient masking, a broken attack, a wrong output convention) or a sign that the evaluation says
 * nothing (a model at chance).
 */
final class ValidityChecks {
    /** Share of attacked samples with an all-zero gradient above which gradients are called zero. */
    static final double ZERO_GRADIENT_SHARE = 0.1;

    private ValidityChecks() {
    }

    /**
     * What the checks look at.
     *
     * @param samples            evaluated samples
     * @param classes            model outputs
     * @param cleanAccuracy      clean accuracy
     * @param majorityShare      share of the most frequent label
     * @param probabilityOutputs whether outputs looked like probabilities
     * @param gradientChecked    samples whose clean input gradient was checked
     * @param zeroGradients      of those, all-zero gradients
     * @param nonFiniteGradients of those, gradients with a NaN or infinity
     * @param attacks            the curve
     * @param epsilons           the budgets
     * @param unboundedInputs    whether perturbations were left unclipped (no valid input range)
     */
    record Evidence(long samples, int classes, double cleanAccuracy, double majorityShare, boolean probabilityOutputs,
            long gradientChecked, long zeroGradients, long nonFiniteGradients, List<AttackResult> attacks,
            List<Double> epsilons, boolean unboundedInputs) {
    }

    static List<ValidityFlag> check(Evidence e) {
        List<ValidityFlag> flags = new ArrayList<>();
        double tolerance = Math.max(0.01, 1.0 / Math.max(1, e.samples()));
        if (e.nonFiniteGradients() > 0 || e.gradientChecked() > 0
                && e.zeroGradients() > ZERO_GRADIENT_SHARE * e.gradientChecked()) {
            flags.add(new ValidityFlag("ZERO_OR_NON_FINITE_GRADIENTS", "Input gradients are zero or not finite",
                    String.format(Locale.ROOT, "Of %d correctly classified samples, %d have an all-zero and %d a"
                            + " non-finite input gradient of the cross-entropy. Gradient attacks cannot move such"
                            + " samples, so their robust accuracy overstates robustness (gradient masking or"
                            + " obfuscation: a non-differentiable op such as Sign or Round, a saturated softmax, a"
                            + " numerically unstable loss). Trust the black-box attacks (square, spsa) instead.",
                            e.gradientChecked(), e.zeroGradients(), e.nonFiniteGradients())));
        }
        if (e.probabilityOutputs()) {
            flags.add(new ValidityFlag("PROBABILITY_OUTPUTS", "Outputs are probabilities, not logits",
                    "Every output row lies in [0, 1] and sums to 1: the model seems to end in softmax. Gradient"
                            + " attacks take the outputs as logits and apply softmax again, which flattens and often"
                            + " saturates the loss (vanishing gradients). Export the model without its final softmax"
                            + " for a faithful evaluation."));
        }
        double chance = Math.max(1.0 / Math.max(1, e.classes()), e.majorityShare());
        if (e.cleanAccuracy() <= chance + tolerance) {
            flags.add(new ValidityFlag("CHANCE_ACCURACY", "Clean accuracy is at chance level",
                    String.format(Locale.ROOT, "Clean accuracy %.4f is not above chance (%.4f: the larger of"
                            + " 1/classes and the most frequent label's share). Robust accuracy is meaningless for"
                            + " a model that does not classify: check the model, labels and preprocessing.",
                            e.cleanAccuracy(), chance)));
        }
        if (e.unboundedInputs() && !e.attacks().isEmpty()) {
            flags.add(new ValidityFlag("UNBOUNDED_INPUTS", "Perturbations are not clipped to a valid input range",
                    "No valid input range applies, so adversarial inputs may leave the domain the model was trained"
                            + " on (e.g. negative pixels) and robust accuracy is understated. Give the range the"
                            + " model accepts (--valid-range LOW,HIGH / validRange:) or leave it to the default,"
                            + " the range observed in the data."));
        }
        checkBlackBox(e, tolerance, flags);
        checkMonotone(e, tolerance, flags);
        return flags;
    }

    private static void checkBlackBox(Evidence e, double tolerance, List<ValidityFlag> flags) {
        List<String> cases = new ArrayList<>();
        for (double eps : e.epsilons()) {
            double whiteBox = Double.POSITIVE_INFINITY;
            AttackResult bestBlackBox = null;
            for (AttackResult r : e.attacks()) {
                if (r.epsilon() != eps) {
                    continue;
                }
                if (r.whiteBox()) {
                    whiteBox = Math.min(whiteBox, r.robustAccuracy());
                } else if (bestBlackBox == null || r.robustAccuracy() < bestBlackBox.robustAccuracy()) {
                    bestBlackBox = r;
                }
            }
            if (bestBlackBox != null && whiteBox < Double.POSITIVE_INFINITY
                    && bestBlackBox.robustAccuracy() < whiteBox - tolerance) {
                cases.add(String.format(Locale.ROOT, "ε %s: %s %.4f vs best white-box %.4f", eps,
                        bestBlackBox.attack(), bestBlackBox.robustAccuracy(), whiteBox));
            }
        }
        if (!cases.isEmpty()) {
            flags.add(new ValidityFlag("BLACK_BOX_STRONGER", "A black-box attack beats the white-box attacks",
                    "A forward-only attack found more adversarial examples than every gradient attack ("
                            + String.join("; ", cases) + "). With honest gradients the white-box attacks should be"
                            + " at least as strong: this is a typical sign of gradient masking."));
        }
    }

    private static void checkMonotone(Evidence e, double tolerance, List<ValidityFlag> flags) {
        Map<String, List<AttackResult>> byAttack = new LinkedHashMap<>();
        for (AttackResult r : e.attacks()) {
            byAttack.computeIfAbsent(r.attack() + " (" + r.norm() + ")", k -> new ArrayList<>()).add(r);
        }
        List<String> cases = new ArrayList<>();
        byAttack.forEach((name, curve) -> {
            List<AttackResult> sorted = new ArrayList<>(curve);
            sorted.sort((a, b) -> Double.compare(a.epsilon(), b.epsilon()));
            for (int i = 1; i < sorted.size(); i++) {
                AttackResult smaller = sorted.get(i - 1);
                AttackResult larger = sorted.get(i);
                if (larger.epsilon() > smaller.epsilon()
                        && larger.robustAccuracy() > smaller.robustAccuracy() + tolerance) {
                    cases.add(String.format(Locale.ROOT, "%s: %.4f at ε %s but %.4f at ε %s", name,
                            smaller.robustAccuracy(), smaller.epsilon(), larger.robustAccuracy(), larger.epsilon()));
                }
            }
        });
        if (!cases.isEmpty()) {
            flags.add(new ValidityFlag("ACCURACY_RISES_WITH_EPSILON", "Robust accuracy rises with a larger budget",
                    "A larger ε can only make an attack stronger, yet robust accuracy rose (" + String.join("; ", cases)
                            + "). The attack is not converging (too few steps, a bad step size) or the gradients"
                            + " are unreliable."));
        }
    }
}
