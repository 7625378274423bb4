package org.secmlops.core.detection;

import java.util.List;

/**
 * The clean pass over a data set: every image's detections and the time per image.
 *
 * @param images           per image: ground truth and detections
 * @param latenciesMillis  model time plus decoding per image, milliseconds, in image order
 */
public record CleanEvaluation(List<ImageDetections> images, List<Double> latenciesMillis) {
    public CleanEvaluation {
        images = List.copyOf(images);
        latenciesMillis = List.copyOf(latenciesMillis);
    }

    /** The nearest-rank percentile {@code q} (0..1) of the latencies; 0 without any. */
    public double latencyPercentile(double q) {
        double[] sorted = latenciesMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Images per second of model and decoding time. */
    public double framesPerSecond() {
        double total = latenciesMillis.stream().mapToDouble(Double::doubleValue).sum();
        return total <= 0 ? 0 : latenciesMillis.size() / (total / 1000);
    }
}
