package org.secmlops.core.robustness;

import java.util.List;

/**
 * What a robustness evaluation runs.
 *
 * @param attacks     adversarial attacks; white-box ones are skipped (with a note) on models without gradients
 * @param epsilons    budgets, positive, in input-space units (after preprocessing); the largest is the gate budget
 * @param corruptions natural corruptions
 * @param severities  corruption severities (1..5)
 * @param smoothing   randomized smoothing settings, or null not to certify
 * @param seed        the seed of every random choice: the same seed gives bit-identical results
 * @param maxSamples  evaluate at most this many samples (the first ones of the data), positive
 * @param batchSize   samples per batch, positive
 * @param examples    clean/adversarial pairs to keep for the report (image-shaped samples only)
 */
public record RobustnessConfig(List<Attack> attacks, List<Double> epsilons, List<Corruption> corruptions,
        List<Integer> severities, SmoothingConfig smoothing, long seed, int maxSamples, int batchSize, int examples) {
    public RobustnessConfig {
        attacks = List.copyOf(attacks);
        epsilons = List.copyOf(epsilons);
        corruptions = List.copyOf(corruptions);
        severities = List.copyOf(severities);
        if (!attacks.isEmpty() && epsilons.isEmpty()) {
            throw new IllegalArgumentException("attacks need at least one epsilon");
        }
        if (epsilons.stream().anyMatch(e -> !(e > 0) || !Double.isFinite(e))) {
            throw new IllegalArgumentException("epsilons must be positive and finite: " + epsilons);
        }
        if (severities.stream().anyMatch(s -> s < 1 || s > 5)) {
            throw new IllegalArgumentException("severities must be 1..5: " + severities);
        }
        if (maxSamples <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("max samples and batch size must be positive");
        }
        if (examples < 0) {
            throw new IllegalArgumentException("the number of example pairs must not be negative, not " + examples);
        }
        if (attacks.isEmpty() && corruptions.isEmpty() && smoothing == null) {
            throw new IllegalArgumentException("nothing to run: give attacks, corruptions or smoothing");
        }
    }

    /** The gate budget: the largest ε, or null without attacks. */
    public Double gateEpsilon() {
        return attacks.isEmpty() ? null : epsilons.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
