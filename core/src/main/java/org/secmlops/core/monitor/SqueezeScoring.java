package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.robustness.defense.InputTransform;
import org.secmlops.core.robustness.defense.SqueezeDetector;

/**
 * Computes the feature-squeezing score of every record with the model, in batches, and hands the records on in the
 * log's order with their scores.
 */
final class SqueezeScoring implements TrafficLog.RecordSink {
    /** Where scored records go. */
    @FunctionalInterface
    interface ScoredSink {
        void accept(TrafficRecord record, double squeezeScore) throws ModelException;
    }

    private final LoadedModel model;
    private final List<InputTransform> squeezers;
    private final int batchSize;
    private final ScoredSink next;
    private final List<TrafficRecord> pending = new ArrayList<>();

    SqueezeScoring(LoadedModel model, List<InputTransform> squeezers, int batchSize, ScoredSink next) {
        this.model = model;
        this.squeezers = squeezers;
        this.batchSize = batchSize;
        this.next = next;
    }

    @Override
    public void accept(TrafficRecord record) throws ModelException {
        pending.add(record);
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    /** Scores the records still waiting and hands them on. */
    void flush() throws ModelException {
        if (pending.isEmpty()) {
            return;
        }
        double[] scores = SqueezeDetector.scores(model, squeezers, pending.stream().map(TrafficRecord::input)
                .toArray(float[][]::new));
        for (int i = 0; i < pending.size(); i++) {
            next.accept(pending.get(i), scores[i]);
        }
        pending.clear();
    }
}
