package org.secmlops.core.datacheck;

import java.util.Arrays;
import java.util.List;

/**
 * How the samples spread over the classes.
 *
 * @param counts         samples per class 0..classes-1
 * @param imbalanceRatio the largest count divided by the smallest non-zero count
 * @param emptyClasses   classes below the largest label that have no sample
 */
public record ClassBalance(List<Integer> counts, double imbalanceRatio, List<Integer> emptyClasses) {
    public ClassBalance {
        counts = List.copyOf(counts);
        emptyClasses = List.copyOf(emptyClasses);
    }

    static ClassBalance of(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        int max = Arrays.stream(counts).max().orElse(0);
        int min = Arrays.stream(counts).filter(c -> c > 0).min().orElse(1);
        List<Integer> empty = java.util.stream.IntStream.range(0, classes).filter(c -> counts[c] == 0).boxed().toList();
        return new ClassBalance(Arrays.stream(counts).boxed().toList(), (double) max / min, empty);
    }
}
