package org.secmlops.core.robustness.defense;

import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.capability.robustness.DefenseRow;

/** Marks the configurations no other one beats in robust accuracy, clean accuracy and latency overhead at once. */
final class Pareto {
    private Pareto() {
    }

    static List<DefenseRow> mark(List<DefenseRow> rows) {
        List<DefenseRow> out = new ArrayList<>();
        for (DefenseRow row : rows) {
            out.add(row.withPareto(rows.stream().noneMatch(other -> other != row && dominates(other, row))));
        }
        return out;
    }

    static boolean dominates(DefenseRow a, DefenseRow b) {
        double robustA = a.robustAccuracy() == null ? a.cleanAccuracy() : a.robustAccuracy();
        double robustB = b.robustAccuracy() == null ? b.cleanAccuracy() : b.robustAccuracy();
        boolean noWorse = robustA >= robustB && a.cleanAccuracy() >= b.cleanAccuracy()
                && a.latencyOverhead() <= b.latencyOverhead();
        boolean better = robustA > robustB || a.cleanAccuracy() > b.cleanAccuracy()
                || a.latencyOverhead() < b.latencyOverhead();
        return noWorse && better;
    }
}
