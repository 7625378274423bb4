package org.secmlops.core.datacheck;

import java.util.Arrays;
import java.util.List;

/**
 * The distribution of one detector's scores over the samples, for the report: equal-width bins between the smallest
 * and the largest finite score, how many samples of each bin the detector flagged, and the score from which on it
 * flags where its flags are a threshold on the score.
 *
 * @param min       the lower edge of the first bin
 * @param max       the upper edge of the last bin (above {@code min})
 * @param counts    samples per bin
 * @param flagged   flagged samples per bin
 * @param threshold the lowest flagged score where every sample scoring at least that is flagged and no other is;
 *                  {@code null} where the flags are not a threshold on the score (e.g. per-class thresholds)
 */
public record ScoreHistogram(double min, double max, List<Long> counts, List<Long> flagged, Double threshold) {
    /** The number of bins. */
    public static final int BINS = 20;

    public ScoreHistogram {
        counts = List.copyOf(counts);
        flagged = List.copyOf(flagged);
    }

    /** The histogram of the scores; {@code null} when no score is finite. Non-finite scores are left out. */
    static ScoreHistogram of(double[] scores, boolean[] flags) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double lowestFlagged = Double.POSITIVE_INFINITY;
        double highestUnflagged = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (!Double.isFinite(s)) {
                continue;
            }
            min = Math.min(min, s);
            max = Math.max(max, s);
            if (flags[i]) {
                lowestFlagged = Math.min(lowestFlagged, s);
            } else {
                highestUnflagged = Math.max(highestUnflagged, s);
            }
        }
        if (min > max) {
            return null;
        }
        if (max == min) {
            max = min + 1;
        }
        long[] counts = new long[BINS];
        long[] flagged = new long[BINS];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isFinite(scores[i])) {
                int bin = (int) Math.min(BINS - 1, Math.floor((scores[i] - min) / (max - min) * BINS));
                counts[bin]++;
                flagged[bin] += flags[i] ? 1 : 0;
            }
        }
        Double threshold = Double.isFinite(lowestFlagged) && lowestFlagged > highestUnflagged ? lowestFlagged : null;
        return new ScoreHistogram(min, max, box(counts), box(flagged), threshold);
    }

    private static List<Long> box(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
