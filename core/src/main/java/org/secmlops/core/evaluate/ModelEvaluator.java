package org.secmlops.core.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.data.ShardedBatches;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.Softmax;
import org.secmlops.core.result.Shard;
import org.secmlops.core.result.ShardCoverage;

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
        return report(evaluate(model, data, Shard.WHOLE).tally(), data.description(), progress);
    }

    /** What one shard evaluated: its counts and the part of the data they cover. */
    public record Evaluated(EvaluateTally tally, ShardCoverage coverage) {
    }

    /**
     * Evaluates the model on one shard's batches ({@link ShardedBatches}); the shards' tallies add up ({@link
     * EvaluateTally#plus}) to the unsharded run's. Every shard takes the outputs' kind (probabilities or logits)
     * from the data's first batch, as an unsharded run does.
     *
     * @throws DatasetException when the data is empty or malformed, holds a label the model has no output for, or
     *                          the shard owns no batch
     * @throws ModelException   when the model fails or returns non-finite outputs
     */
    public Evaluated evaluate(LoadedModel model, SampleSource data, Shard shard)
            throws ModelException, DatasetException {
        int[] rawShape = data.sampleShape();
        preprocessing.shape(rawShape);
        MetricsAccumulator metrics = null;
        Boolean probabilities = null;
        List<Double> latencies = new ArrayList<>();
        long nextReport = 10_000;
        ShardedBatches batches = new ShardedBatches(data, shard, batchSize, Long.MAX_VALUE);
        try (BatchPrefetcher prefetcher = new BatchPrefetcher(data, batches, batch -> prepare(batch, rawShape))) {
            for (BatchPrefetcher.Prepared prepared = prefetcher.next(); prepared != null;
                    prepared = prefetcher.next()) {
                Batch batch = prepared.batch();
                float[][] inputs = prepared.inputs();
                if (metrics == null) {
                    float[][] first = model.predict(prepared.index() == 0 ? inputs
                            : prepare(batches.first(), rawShape));
                    metrics = new MetricsAccumulator(first[0].length);
                    probabilities = Softmax.areDistributions(first);
                    progress.accept("model outputs " + first[0].length + " classes, taken as "
                            + (probabilities ? "probabilities" : "logits (softmax applied)"));
                }
                long start = System.nanoTime();
                float[][] outputs = model.predict(inputs);
                long nanos = System.nanoTime() - start;
                latencies.add(nanos / 1e6);
                accumulate(metrics, probabilities, batch, outputs);
                if (metrics.samples() >= nextReport) {
                    progress.accept("evaluated " + metrics.samples() + " samples");
                    nextReport += 10_000;
                }
            }
        }
        ShardCoverage coverage = batches.coverage();
        if (coverage.totalSamples() == 0) {
            throw new DatasetException(data.description() + " holds no samples");
        }
        if (metrics == null) {
            throw new DatasetException("shard " + shard + " has no batch to evaluate: the data gives only "
                    + coverage.totalBatches() + " batches of at most " + batchSize + " samples; use at most "
                    + coverage.totalBatches() + " shards or smaller batches");
        }
        return new Evaluated(new EvaluateTally(model.engineName(), model.device(), batchSize, probabilities,
                metrics.classes(), metrics.confusion(), metrics.bins(), latencies), coverage);
    }

    /**
     * The report of a tally: of one run, or of shards added up.
     *
     * @param description the data, named in the error of a single class
     * @throws DatasetException when the samples hold a single class
     */
    public static EvaluationReport report(EvaluateTally tally, String description, Consumer<String> progress)
            throws DatasetException {
        return report(tally, description, progress, true);
    }

    /** The report of a tally; a shard's may hold a single class ({@code wholeData} false). */
    static EvaluationReport report(EvaluateTally tally, String description, Consumer<String> progress,
            boolean wholeData) throws DatasetException {
        MetricsAccumulator metrics = MetricsAccumulator.of(tally);
        if (wholeData && metrics.labelledClasses() < 2) {
            throw new DatasetException(description + " holds a single class; accuracy and calibration need"
                    + " samples of at least two classes");
        }
        double p95 = percentile(tally.latenciesMs(), 0.95);
        double modelSeconds = tally.latenciesMs().stream().mapToDouble(Double::doubleValue).sum() / 1e3;
        double throughput = metrics.samples() / modelSeconds;
        progress.accept(String.format(Locale.ROOT, "evaluated %d samples: accuracy %.4f, ECE %.4f, p95 %.2f ms/batch"
                        + " (batch %d), %.0f samples/s on %s %s", metrics.samples(), metrics.accuracy(),
                metrics.expectedCalibrationError(), p95, tally.batchSize(), throughput, tally.engine(),
                tally.device()));
        return new EvaluationReport(metrics.samples(), metrics.classes(), metrics.accuracy(),
                metrics.expectedCalibrationError(), p95, throughput, tally.batchSize(), tally.probabilities(),
                tally.engine(), tally.device(), metrics.perClass(), metrics.confusion(), metrics.calibration());
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


    /** The nearest-rank percentile. */
    static double percentile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
