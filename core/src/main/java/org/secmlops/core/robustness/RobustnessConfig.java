package org.secmlops.core.robustness;

import java.util.List;

/**
 * What a robustness evaluation runs. Built with {@link #builder()}, which says what each value is and supplies the
 * defaults:
 *
 * <pre>{@code
 * RobustnessConfig config = RobustnessConfig.builder()
 *         .attacks(List.of(AttackRegistry.create("pgd", settings)))
 *         .epsilons(List.of(0.03, 0.1))
 *         .seed(7)
 *         .build();
 * }</pre>
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

    /** A builder: no attacks, corruptions or smoothing; severities 1..5, seed 0, 500 samples, batches of 64, 4 examples. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RobustnessConfig}; {@link #build()} checks the values as the constructor does. */
    public static final class Builder {
        private List<Attack> attacks = List.of();
        private List<Double> epsilons = List.of();
        private List<Corruption> corruptions = List.of();
        private List<Integer> severities = List.of(1, 2, 3, 4, 5);
        private SmoothingConfig smoothing;
        private long seed;
        private int maxSamples = 500;
        private int batchSize = 64;
        private int examples = 4;

        private Builder() {
        }

        public Builder attacks(List<Attack> value) {
            attacks = value;
            return this;
        }

        public Builder epsilons(List<Double> value) {
            epsilons = value;
            return this;
        }

        public Builder corruptions(List<Corruption> value) {
            corruptions = value;
            return this;
        }

        public Builder severities(List<Integer> value) {
            severities = value;
            return this;
        }

        /** Randomized smoothing to certify with; {@code null} (the default) not to certify. */
        public Builder smoothing(SmoothingConfig value) {
            smoothing = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder maxSamples(int value) {
            maxSamples = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder examples(int value) {
            examples = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException as the constructor does, e.g. attacks without a budget, or nothing to run
         */
        public RobustnessConfig build() {
            return new RobustnessConfig(attacks, epsilons, corruptions, severities, smoothing, seed, maxSamples,
                    batchSize, examples);
        }
    }
}
