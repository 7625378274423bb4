package org.secmlops.core.capability.robustness;

import java.util.List;
import java.util.Objects;

/**
 * The security–performance trade-off of a model's defenses.
 *
 * @param samples         samples evaluated
 * @param gateEpsilon     the largest budget, where robust accuracy is taken; null without attacks
 * @param eotSamples      draws each adaptive gradient of a randomized defense averages
 * @param rows            one row per configuration, {@code none} first
 * @param selected        the configuration whose numbers are the run's metrics
 * @param selectionReason why that one, in a sentence
 * @param notes           what was skipped and why
 */
public record DefenseReport(long samples, Double gateEpsilon, int eotSamples, List<DefenseRow> rows, String selected,
        String selectionReason, List<String> notes) {
    /** How far non-adaptive robust accuracy may exceed adaptive robust accuracy before a defense masks gradients. */
    public static final double MASKING_MARGIN = 0.1;

    public DefenseReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        Objects.requireNonNull(selected, "selected");
    }

    /** The row of the selected configuration. */
    public DefenseRow selectedRow() {
        return rows.stream().filter(r -> r.defense().equals(selected)).findFirst().orElseThrow();
    }

    /** The undefended model's row. */
    public DefenseRow baseline() {
        return rows.get(0);
    }
}
