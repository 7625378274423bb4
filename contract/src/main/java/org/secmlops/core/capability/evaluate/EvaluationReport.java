package org.secmlops.core.capability.evaluate;

import java.util.List;

/**
 * What an evaluation measured.
 *
 * @param samples            samples evaluated
 * @param classes            the model's number of outputs
 * @param accuracy           share of samples whose top output is the label
 * @param expectedCalibrationError the expected calibration error over {@link #calibration} (weighted mean of
 *                           |accuracy − confidence|)
 * @param latencyP95Millis   95th percentile of the model's time per batch, in milliseconds
 * @param throughput         samples per second of model time
 * @param batchSize          the batch size
 * @param probabilityOutputs whether the model's outputs were taken as probabilities (else logits, softmaxed)
 * @param engine             engine and version, e.g. {@code TensorFlow 2.16.1}
 * @param device             e.g. {@code cpu()}
 * @param perClass           precision and recall per class
 * @param confusion          {@code confusion[true][predicted]} counts
 * @param calibration        the confidence bins
 */
public record EvaluationReport(long samples, int classes, double accuracy, double expectedCalibrationError,
        double latencyP95Millis, double throughput, int batchSize, boolean probabilityOutputs, String engine,
        String device, List<ClassMetrics> perClass, List<List<Long>> confusion, List<CalibrationBin> calibration) {
    public EvaluationReport {
        perClass = List.copyOf(perClass);
        confusion = confusion.stream().map(List::copyOf).toList();
        calibration = List.copyOf(calibration);
    }
}
