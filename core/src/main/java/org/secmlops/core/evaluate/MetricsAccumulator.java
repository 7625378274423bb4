package org.secmlops.core.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.capability.evaluate.CalibrationBin;
import org.secmlops.core.capability.evaluate.ClassMetrics;

/** Accumulates predictions batch by batch: confusion matrix and confidence bins; memory independent of the data. */
final class MetricsAccumulator {
    static final int BINS = 15;

    private final int classes;
    private final long[][] confusion;
    private final long[] binCount = new long[BINS];
    private final double[] binConfidence = new double[BINS];
    private final long[] binCorrect = new long[BINS];
    private long samples;
    private long correct;

    MetricsAccumulator(int classes) {
        this.classes = classes;
        this.confusion = new long[classes][classes];
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
        binConfidence[bin] += confidence;
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
                    n == 0 ? Double.NaN : binConfidence[b] / n, n == 0 ? Double.NaN : (double) binCorrect[b] / n));
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
