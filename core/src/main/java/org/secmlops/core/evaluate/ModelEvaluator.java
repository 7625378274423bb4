package org.secmlops.core.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.Softmax;

/**
 * Runs a model over labelled data in batches and measures accuracy, calibration, latency and throughput. The next
 * batch is read and preprocessed on a background thread while the model runs, so memory is bounded by two batches.
 * The first batch is run once untimed to warm the engine up.
 */
public final class ModelEvaluator {

    private final int batchSize;
    private final Preprocessing preprocessing;
    private final Consumer<String> progress;

    /**
     * @param batchSize     samples per batch, positive
     * @param preprocessing applied to every raw sample
     * @param progress      receives progress lines
     */
    public ModelEvaluator(int batchSize, Preprocessing preprocessing, Consumer<String> progress) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Evaluates the model on all samples of the data.
     *
     * @throws DatasetException when the data is empty, malformed, holds a label the model has no output for, or
     *                          holds a single class
     * @throws ModelException   when the model fails or returns non-finite outputs
     */
    public EvaluationReport evaluate(LoadedModel model, SampleSource data) throws ModelException, DatasetException {
        int[] rawShape = data.sampleShape();
        preprocessing.shape(rawShape);
        MetricsAccumulator metrics = null;
        Boolean probabilities = null;
        List<Double> latencies = new ArrayList<>();
        double modelSeconds = 0;
        long nextReport = 10_000;
        try (BatchPrefetcher prefetcher = new BatchPrefetcher(data, batchSize, batch -> prepare(batch, rawShape))) {
            for (BatchPrefetcher.Prepared prepared = prefetcher.next(); prepared != null;
                    prepared = prefetcher.next()) {
                Batch batch = prepared.batch();
                float[][] inputs = prepared.inputs();
                if (metrics == null) {
                    model.predict(inputs);
                }
                long start = System.nanoTime();
                float[][] outputs = model.predict(inputs);
                long nanos = System.nanoTime() - start;
                latencies.add(nanos / 1e6);
                modelSeconds += nanos / 1e9;
                if (metrics == null) {
                    metrics = new MetricsAccumulator(outputs[0].length);
                    probabilities = Softmax.areDistributions(outputs);
                    progress.accept("model outputs " + outputs[0].length + " classes, taken as "
                            + (probabilities ? "probabilities" : "logits (softmax applied)"));
                }
                accumulate(metrics, probabilities, batch, outputs);
                if (metrics.samples() >= nextReport) {
                    progress.accept("evaluated " + metrics.samples() + " samples");
                    nextReport += 10_000;
                }
            }
        }
        if (metrics == null) {
            throw new DatasetException(data.description() + " holds no samples");
        }
        if (metrics.labelledClasses() < 2) {
            throw new DatasetException(data.description() + " holds a single class; accuracy and calibration need"
                    + " samples of at least two classes");
        }
        double p95 = percentile(latencies, 0.95);
        double throughput = metrics.samples() / modelSeconds;
        progress.accept(String.format(Locale.ROOT, "evaluated %d samples: accuracy %.4f, ECE %.4f, p95 %.2f ms/batch"
                        + " (batch %d), %.0f samples/s on %s %s", metrics.samples(), metrics.accuracy(),
                metrics.expectedCalibrationError(), p95, batchSize, throughput, model.engineName(), model.device()));
        return new EvaluationReport(metrics.samples(), metrics.classes(), metrics.accuracy(),
                metrics.expectedCalibrationError(), p95, throughput, batchSize, probabilities, model.engineName(),
                model.device(), metrics.perClass(), metrics.confusion(), metrics.calibration());
    }

    private static void accumulate(MetricsAccumulator metrics, boolean probabilities, Batch batch, float[][] outputs)
            throws ModelException, DatasetException {
        for (int i = 0; i < outputs.length; i++) {
            String id = batch.ids().get(i);
            int label = batch.labels()[i];
            if (outputs[i].length != metrics.classes()) {
                throw new ModelException("Sample " + id + ": the model returned " + outputs[i].length + " outputs");
            }
            if (label >= outputs[i].length) {
                throw new DatasetException("Sample " + id + " has label " + label + " but the model has only "
                        + outputs[i].length + " outputs (classes 0.." + (outputs[i].length - 1) + ")");
            }
            for (float v : outputs[i]) {
                if (!Float.isFinite(v)) {
                    throw new ModelException("Sample " + id + ": the model returned a non-finite output "
                            + Arrays.toString(outputs[i]));
                }
            }
            metrics.add(probabilities ? outputs[i] : Softmax.of(outputs[i]), label);
        }
    }

    private float[][] prepare(Batch batch, int[] rawShape) {
        float[][] inputs = new float[batch.size()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = preprocessing.apply(batch.features()[i], rawShape);
        }
        return inputs;
    }


    /** The nearest-rank percentile {@code q} (0..1] of the values. */
    public static double percentile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
