package org.secmlops.core.evaluate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.secmlops.core.capability.evaluate.CalibrationBin;
import org.secmlops.core.capability.evaluate.ClassMetrics;

/** Accumulates predictions batch by batch: confusion matrix and confidence bins; memory independent of the data. */
final class MetricsAccumulator {
    static final int BINS = 15;

    private final int classes;
    private final long[][] confusion;
    private final long[] binCount = new long[BINS];
    private final BigDecimal[] binConfidence = new BigDecimal[BINS];
    private final long[] binCorrect = new long[BINS];
    private long samples;
    private long correct;

    MetricsAccumulator(int classes) {
        this.classes = classes;
        this.confusion = new long[classes][classes];
        Arrays.fill(binConfidence, BigDecimal.ZERO);
    }

    /** The accumulator of a tally's counts. */
    static MetricsAccumulator of(EvaluateTally tally) {
        MetricsAccumulator metrics = new MetricsAccumulator(tally.classes());
        if (tally.confusion().size() != tally.classes() || tally.bins().size() != BINS) {
            throw new IllegalArgumentException("a tally of " + tally.classes() + " classes needs a " + tally.classes()
                    + " x " + tally.classes() + " confusion matrix and " + BINS + " bins");
        }
        for (int c = 0; c < tally.classes(); c++) {
            List<Long> row = tally.confusion().get(c);
            if (row.size() != tally.classes()) {
                throw new IllegalArgumentException("confusion matrix row " + c + " has " + row.size() + " entries");
            }
            for (int k = 0; k < tally.classes(); k++) {
                metrics.confusion[c][k] = row.get(k);
                metrics.samples += row.get(k);
                metrics.correct += c == k ? row.get(k) : 0;
            }
        }
        for (int b = 0; b < BINS; b++) {
            EvaluateTally.Bin bin = tally.bins().get(b);
            metrics.binCount[b] = bin.count();
            metrics.binConfidence[b] = bin.confidenceSum();
            metrics.binCorrect[b] = bin.correct();
        }
        return metrics;
    }

    /** The counts of both accumulators. */
    MetricsAccumulator plus(MetricsAccumulator other) {
        if (other.classes != classes) {
            throw new IllegalArgumentException("accumulators of " + classes + " and " + other.classes + " classes");
        }
        MetricsAccumulator sum = new MetricsAccumulator(classes);
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < classes; k++) {
                sum.confusion[c][k] = confusion[c][k] + other.confusion[c][k];
            }
        }
        for (int b = 0; b < BINS; b++) {
            sum.binCount[b] = binCount[b] + other.binCount[b];
            sum.binConfidence[b] = binConfidence[b].add(other.binConfidence[b]);
            sum.binCorrect[b] = binCorrect[b] + other.binCorrect[b];
        }
        sum.samples = samples + other.samples;
        sum.correct = correct + other.correct;
        return sum;
    }

    /** The calibration bins' exact counts, for a tally. */
    List<EvaluateTally.Bin> bins() {
        List<EvaluateTally.Bin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            bins.add(new EvaluateTally.Bin(binCount[b], binConfidence[b], binCorrect[b]));
        }
        return bins;
    }

    /** Adds one sample: its class probabilities and true label (already checked to be in range). */
    void add(float[] probabilities, int label) {
        int predicted = 0;
        for (int c = 1; c < classes; c++) {
            if (probabilities[c] > probabilities[predicted]) {
                predicted = c;
            }
        }
        double confidence = probabilities[predicted];
        boolean hit = predicted == label;
        confusion[label][predicted]++;
        samples++;
        if (hit) {
            correct++;
        }
        int bin = Math.min(BINS - 1, Math.max(0, (int) Math.ceil(confidence * BINS) - 1));
        binCount[bin]++;
        binConfidence[bin] = binConfidence[bin].add(new BigDecimal(confidence));
        if (hit) {
            binCorrect[bin]++;
        }
    }

    int classes() {
        return classes;
    }

    long samples() {
        return samples;
    }

    double accuracy() {
        return (double) correct / samples;
    }

    /** The number of classes that occur as labels. */
    int labelledClasses() {
        int n = 0;
        for (long[] row : confusion) {
            long sum = 0;
            for (long v : row) {
                sum += v;
            }
            if (sum > 0) {
                n++;
            }
        }
        return n;
    }

    List<CalibrationBin> calibration() {
        List<CalibrationBin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            long n = binCount[b];
            bins.add(new CalibrationBin((double) b / BINS, (double) (b + 1) / BINS, n,
                    n == 0 ? Double.NaN : binConfidence[b].doubleValue() / n, n == 0 ? Double.NaN : (double) binCorrect[b] / n));
        }
        return bins;
    }

    double expectedCalibrationError() {
        double ece = 0;
        for (CalibrationBin bin : calibration()) {
            if (bin.count() > 0) {
                ece += (double) bin.count() / samples * Math.abs(bin.accuracy() - bin.confidence());
            }
        }
        return ece;
    }

    List<ClassMetrics> perClass() {
        List<ClassMetrics> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            long support = 0;
            long predicted = 0;
            for (int k = 0; k < classes; k++) {
                support += confusion[c][k];
                predicted += confusion[k][c];
            }
            long hits = confusion[c][c];
            out.add(new ClassMetrics(c, support, predicted, predicted == 0 ? Double.NaN : (double) hits / predicted,
                    support == 0 ? Double.NaN : (double) hits / support));
        }
        return out;
    }

    List<List<Long>> confusion() {
        List<List<Long>> out = new ArrayList<>();
        for (long[] row : confusion) {
            List<Long> list = new ArrayList<>();
            for (long v : row) {
                list.add(v);
            }
            out.add(list);
        }
        return out;
    }
}
