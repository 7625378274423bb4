package org.secmlops.core.datacheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.secmlops.core.model.Outputs;

/**
 * Confident learning (Northcutt, Jiang and Chuang, JAIR 2021) on out-of-sample predicted probabilities:
 * <ol>
 * <li>per-class threshold {@code t_j} = mean predicted probability of class {@code j} over the samples labelled
 * {@code j} (its mean self-confidence);</li>
 * <li>confident joint {@code C[i][j]}: samples labelled {@code i} whose probability of {@code j} reaches
 * {@code t_j} (the largest such {@code j} when several do);</li>
 * <li>calibrated to the class counts and normalized into a joint {@code Q[i][j]} of given and true label;</li>
 * <li>prune by noise rate: for each off-diagonal {@code (i, j)}, the {@code round(Q[i][j] N)} samples labelled
 * {@code i} with the largest margin {@code p_j − p_i} are label issues, except those whose most probable class
 * is their label.</li>
 * </ol>
 * The score is {@code 1 − p(given label)}; the suggestion is the most probable class.
 */
final class ConfidentLearning {
    static final String ID = "confident-learning";

    private ConfidentLearning() {
    }

    static DetectorResult detect(float[][] p, int[] labels, int classes, String source) {
        int n = labels.length;
        double[] threshold = new double[classes];
        int[] count = new int[classes];
        for (int i = 0; i < n; i++) {
            threshold[labels[i]] += p[i][labels[i]];
            count[labels[i]]++;
        }
        for (int c = 0; c < classes; c++) {
            threshold[c] = count[c] == 0 ? 1 : threshold[c] / count[c];
        }
        double[][] joint = new double[classes][classes];
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int j = 0; j < classes; j++) {
                if (p[i][j] >= threshold[j] && (best < 0 || p[i][j] > p[i][best])) {
                    best = j;
                }
            }
            if (best >= 0) {
                joint[labels[i]][best]++;
            }
        }
        // calibrate rows to the class counts, then normalize to a joint distribution
        double total = 0;
        for (int i = 0; i < classes; i++) {
            double row = 0;
            for (double v : joint[i]) {
                row += v;
            }
            for (int j = 0; j < classes; j++) {
                joint[i][j] = row == 0 ? 0 : joint[i][j] / row * count[i];
                total += joint[i][j];
            }
        }
        boolean[] flagged = new boolean[n];
        int[] argmax = new int[n];
        for (int i = 0; i < n; i++) {
            argmax[i] = Outputs.argmax(p[i]);
        }
        for (int given = 0; given < classes; given++) {
            final int g = given;
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (labels[i] == given) {
                    members.add(i);
                }
            }
            for (int truth = 0; truth < classes; truth++) {
                if (truth == given || total == 0) {
                    continue;
                }
                int prune = (int) Math.round(joint[given][truth] / total * n);
                prune = Math.min(prune, members.size());
                if (prune == 0) {
                    continue;
                }
                final int t = truth;
                members.stream()
                        .sorted(Comparator.<Integer>comparingDouble(i -> -(p[i][t] - p[i][g])).thenComparing(i -> i))
                        .limit(prune)
                        .filter(i -> argmax[i] != g)
                        .forEach(i -> flagged[i] = true);
            }
        }
        double[] scores = new double[n];
        int[] suggested = DetectorResult.none(n);
        for (int i = 0; i < n; i++) {
            scores[i] = clamp(1 - p[i][labels[i]]);
            if (flagged[i]) {
                suggested[i] = argmax[i];
            }
        }
        return new DetectorResult(ID, String.format(Locale.ROOT, "confident learning (prune by noise rate) on %s;"
                + " per-class thresholds %s", source, thresholds(threshold)), scores, flagged, suggested);
    }

    private static String thresholds(double[] t) {
        StringBuilder s = new StringBuilder("[");
        for (int c = 0; c < t.length; c++) {
            s.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", t[c]));
        }
        return s.append(']').toString();
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
