package org.secmlops.core.evaluate;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The counts an evaluation adds up over its batches, written into a shard's {@code result.json}: the confusion matrix,
 * the calibration bins (their confidence sums exact, so the order batches are added in does not matter) and each
 * batch's latency. A merge adds the shards' tallies ({@link #plus}) and reports the sum as one run would.
 *
 * @param engine        engine and version
 * @param device        the device
 * @param batchSize     samples per batch
 * @param probabilities whether the outputs of the data's first batch were taken as probabilities
 * @param classes       the model's number of outputs
 * @param confusion     the confusion matrix, true label by row
 * @param bins          the calibration bins
 * @param latenciesMs   each batch's time in the model, in milliseconds
 */
public record EvaluateTally(String engine, String device, int batchSize, boolean probabilities, int classes,
        List<List<Long>> confusion, List<Bin> bins, List<Double> latenciesMs) {
    public EvaluateTally {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(device, "device");
        confusion = confusion.stream().map(List::copyOf).toList();
        bins = List.copyOf(bins);
        latenciesMs = List.copyOf(latenciesMs);
    }

    /**
     * One calibration bin.
     *
     * @param count         samples whose confidence fell into it
     * @param confidenceSum the sum of their confidences, exact
     * @param correct       those classified correctly
     */
    public record Bin(long count, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal confidenceSum,
            long correct) {
    }

    /**
     * The sum of this tally and another over other batches of the same evaluation.
     *
     * @throws IllegalArgumentException when the other is of another evaluation (classes, batch size, engine, outputs)
     */
    public EvaluateTally plus(EvaluateTally other) {
        if (classes != other.classes || batchSize != other.batchSize || probabilities != other.probabilities
                || !engine.equals(other.engine)) {
            throw new IllegalArgumentException("the tallies are of different evaluations: classes, batch size, engine"
                    + " or the first batch's outputs differ");
        }
        MetricsAccumulator sum = MetricsAccumulator.of(this).plus(MetricsAccumulator.of(other));
        List<Double> latencies = new ArrayList<>(latenciesMs);
        latencies.addAll(other.latenciesMs);
        return new EvaluateTally(engine, device.equals(other.device) ? device : device + ", " + other.device,
                batchSize, probabilities, classes, sum.confusion(), sum.bins(), latencies);
    }

    /** The samples counted. */
    public long samples() {
        return confusion.stream().flatMap(List::stream).mapToLong(Long::longValue).sum();
    }
}
