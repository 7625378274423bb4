package org.secmlops.core.robustness;

import java.util.List;

/**
 * What a robustness evaluation measured.
 *
 * @param engine             engine and version
 * @param device             e.g. {@code cpu()}
 * @param samples            samples evaluated
 * @param classes            the model's number of outputs
 * @param probabilityOutputs whether the outputs looked like probabilities (see {@link ValidityFlag})
 * @param inputRange         the valid input range, described
 * @param seed               the seed of every random choice
 * @param cleanAccuracy      share classified correctly without perturbation
 * @param gateEpsilon        the budget of the gate metrics (the largest ε); null when no adversarial attack ran
 * @param attacks            one entry per attack and ε: the robustness curve
 * @param attackSummaries    one entry per attack
 * @param worstCase          the per-sample worst case over all attacks, per ε
 * @param perClass           clean and worst-case robust accuracy per class at the gate ε
 * @param corruptions        accuracy per corruption and severity
 * @param smoothing          certification results; null when smoothing was not run
 * @param validityFlags      raised validity flags
 * @param notes              what was skipped and why, and other remarks
 * @param examples           a few clean/adversarial pairs (image-shaped samples only)
 * @param cleanSeconds       wall time of the clean forward passes
 * @param sampleOutcomes     which samples were robust at the gate ε, by id; null when no adversarial attack ran
 */
public record RobustnessReport(String engine, String device, long samples, int classes, boolean probabilityOutputs,
        String inputRange, long seed, double cleanAccuracy, Double gateEpsilon, List<AttackResult> attacks,
        List<AttackSummary> attackSummaries, List<WorstCase> worstCase, List<ClassRobustness> perClass,
        List<CorruptionResult> corruptions, SmoothingResult smoothing, List<ValidityFlag> validityFlags,
        List<String> notes, List<ExamplePair> examples, double cleanSeconds, SampleOutcomes sampleOutcomes) {
    public RobustnessReport {
        attacks = List.copyOf(attacks);
        attackSummaries = List.copyOf(attackSummaries);
        worstCase = List.copyOf(worstCase);
        perClass = List.copyOf(perClass);
        corruptions = List.copyOf(corruptions);
        validityFlags = List.copyOf(validityFlags);
        notes = List.copyOf(notes);
        examples = List.copyOf(examples);
    }

    /** A report without per-sample outcomes. */
    public RobustnessReport(String engine, String device, long samples, int classes, boolean probabilityOutputs,
            String inputRange, long seed, double cleanAccuracy, Double gateEpsilon, List<AttackResult> attacks,
            List<AttackSummary> attackSummaries, List<WorstCase> worstCase, List<ClassRobustness> perClass,
            List<CorruptionResult> corruptions, SmoothingResult smoothing, List<ValidityFlag> validityFlags,
            List<String> notes, List<ExamplePair> examples, double cleanSeconds) {
        this(engine, device, samples, classes, probabilityOutputs, inputRange, seed, cleanAccuracy, gateEpsilon,
                attacks, attackSummaries, worstCase, perClass, corruptions, smoothing, validityFlags, notes, examples,
                cleanSeconds, null);
    }

    /** This report with one more validity flag. */
    public RobustnessReport withValidityFlag(ValidityFlag flag) {
        List<ValidityFlag> flags = new java.util.ArrayList<>(validityFlags);
        flags.add(flag);
        return new RobustnessReport(engine, device, samples, classes, probabilityOutputs, inputRange, seed,
                cleanAccuracy, gateEpsilon, attacks, attackSummaries, worstCase, perClass, corruptions, smoothing,
                flags, notes, examples, cleanSeconds, sampleOutcomes);
    }

    /** Worst-case robust accuracy at the gate ε; null when no adversarial attack ran. */
    public Double robustAccuracy() {
        return gateWorstCase() == null ? null : gateWorstCase().robustAccuracy();
    }

    /** The worst case at the gate ε, or null. */
    public WorstCase gateWorstCase() {
        return worstCase.stream().filter(w -> gateEpsilon != null && w.epsilon() == gateEpsilon).findFirst()
                .orElse(null);
    }

    /** Mean accuracy over all corruptions and severities; null when none ran. */
    public Double corruptionAccuracy() {
        return corruptions.isEmpty() ? null
                : corruptions.stream().mapToDouble(CorruptionResult::accuracy).average().orElseThrow();
    }

    /** Certified accuracy at the largest radius; null without smoothing. */
    public Double certifiedAccuracy() {
        return smoothing == null ? null : smoothing.points().get(smoothing.points().size() - 1).certifiedAccuracy();
    }
}
