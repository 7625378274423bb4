package org.secmlops.core.robustness.defense;

import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.robustness.Attack;

/**
 * What a trade-off evaluation runs.
 *
 * @param defenses   the configurations; {@code none} is put first when missing, duplicates are refused
 * @param attacks    the attacks, each run adaptively and, if white-box, also ignoring the defense
 * @param epsilons   the budgets; robust accuracy is taken at the largest
 * @param eotSamples draws averaged by each adaptive gradient of a randomized defense (EOT)
 * @param seed       seeds attacks and random defenses
 * @param maxSamples at most this many samples are evaluated
 * @param batchSize  samples per model call
 */
public record DefenseConfig(List<DefenseSpec> defenses, List<Attack> attacks, List<Double> epsilons, int eotSamples,
        long seed, int maxSamples, int batchSize) {
    /** The EOT draws used unless the user chooses: the count Athalye et al. found enough for a stable gradient. */
    public static final int DEFAULT_EOT_SAMPLES = 10;

    public DefenseConfig {
        List<DefenseSpec> withBaseline = new ArrayList<>();
        if (defenses.stream().noneMatch(d -> d.name().equals("none"))) {
            withBaseline.add(DefenseSpec.parse("none"));
        }
        for (DefenseSpec spec : defenses) {
            if (withBaseline.stream().anyMatch(d -> d.text().equals(spec.text()))) {
                throw new IllegalArgumentException("defense '" + spec.text() + "' is given twice");
            }
            if (spec.name().equals("none")) {
                withBaseline.add(0, spec);
            } else {
                withBaseline.add(spec);
            }
        }
        defenses = List.copyOf(withBaseline);
        attacks = List.copyOf(attacks);
        epsilons = List.copyOf(epsilons);
        if (!attacks.isEmpty() && epsilons.isEmpty()) {
            throw new IllegalArgumentException("attacks need at least one epsilon");
        }
        if (epsilons.stream().anyMatch(e -> !(e > 0) || !Double.isFinite(e))) {
            throw new IllegalArgumentException("epsilons must be positive and finite: " + epsilons);
        }
        epsilons = epsilons.stream().sorted().toList();
        if (eotSamples < 1 || eotSamples > 1000) {
            throw new IllegalArgumentException("EOT samples must be 1..1000, was " + eotSamples);
        }
        if (maxSamples <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("max samples and batch size must be positive");
        }
    }
}
