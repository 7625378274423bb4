package org.secmlops.core.datacheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Combines the detectors per sample. The verdict detectors ({@link #VERDICT}) decide whether a sample is
 * suspicious; the others are evidence shown beside them (kNN disagreement already feeds confident learning, the two
 * backdoor detectors feed the {@code backdoor} consensus). The combined score is {@code 1 − Π (1 − s)} over the
 * verdict detectors' scores.
 */
final class Verdicts {
    static final Set<String> VERDICT = Set.of(ConfidentLearning.ID, Backdoors.ID, Duplicates.ID, Outliers.ID);

    private Verdicts() {
    }

    static boolean[] suspicious(List<DetectorResult> detectors, int n) {
        boolean[] out = new boolean[n];
        for (DetectorResult d : detectors) {
            if (VERDICT.contains(d.detector())) {
                for (int i = 0; i < n; i++) {
                    out[i] |= d.flagged()[i];
                }
            }
        }
        return out;
    }

    static double[] combined(List<DetectorResult> detectors, int n) {
        double[] keep = new double[n];
        java.util.Arrays.fill(keep, 1);
        for (DetectorResult d : detectors) {
            if (VERDICT.contains(d.detector())) {
                for (int i = 0; i < n; i++) {
                    keep[i] *= 1 - d.scores()[i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            keep[i] = 1 - keep[i];
        }
        return keep;
    }

    /**
     * The label suggested for a sample: the backdoor verdict's, else confident learning's, else a duplicate group's,
     * else the neighbours'.
     */
    static int suggestion(List<DetectorResult> detectors, int i) {
        for (String id : List.of(Backdoors.ID, ConfidentLearning.ID, Duplicates.ID, KnnLabels.ID)) {
            for (DetectorResult d : detectors) {
                if (d.detector().equals(id) && d.suggested()[i] >= 0) {
                    return d.suggested()[i];
                }
            }
        }
        return -1;
    }

    /** The verdict detectors that flag a sample, then the evidence detectors that do. */
    static List<String> flaggedBy(List<DetectorResult> detectors, int i) {
        List<String> out = new ArrayList<>();
        for (DetectorResult d : detectors) {
            if (d.flagged()[i]) {
                out.add(d.detector());
            }
        }
        return out;
    }

    /** Suspicious samples, most suspicious first: more verdict detectors, then a higher combined score, then index. */
    static int[] ranked(List<DetectorResult> detectors, boolean[] suspicious, double[] combined) {
        int[] votes = new int[suspicious.length];
        for (DetectorResult d : detectors) {
            if (VERDICT.contains(d.detector())) {
                for (int i = 0; i < votes.length; i++) {
                    votes[i] += d.flagged()[i] ? 1 : 0;
                }
            }
        }
        return IntStream.range(0, suspicious.length).filter(i -> suspicious[i]).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> -votes[i])
                        .thenComparingDouble(i -> -combined[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    static TreeMap<String, Double> scores(List<DetectorResult> detectors, int i) {
        TreeMap<String, Double> out = new TreeMap<>();
        for (DetectorResult d : detectors) {
            out.put(d.detector(), Math.round(d.scores()[i] * 1e4) / 1e4);
        }
        return out;
    }
}
