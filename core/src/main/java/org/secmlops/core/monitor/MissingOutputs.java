package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;

/**
 * Computes the outputs a log did not record with the model, in batches, and hands every record on in the log's
 * order: records wait until the batch holding the earliest missing output has run.
 */
final class MissingOutputs implements TrafficLog.RecordSink {
    private static final int MAX_PENDING = 4_096;

    private final LoadedModel model;
    private final int batchSize;
    private final TrafficLog.RecordSink next;
    private final List<TrafficRecord> pending = new ArrayList<>();
    private int missing;
    private long computed;

    MissingOutputs(LoadedModel model, int batchSize, TrafficLog.RecordSink next) {
        this.model = model;
        this.batchSize = batchSize;
        this.next = next;
    }

    @Override
    public void accept(TrafficRecord record) throws ModelException {
        if (record.output() != null && pending.isEmpty()) {
            next.accept(record);
            return;
        }
        pending.add(record);
        if (record.output() == null) {
            missing++;
        }
        if (missing == batchSize || pending.size() >= MAX_PENDING) {
            flush();
        }
    }

    /** Runs the model on the records still waiting and hands them on. */
    void flush() throws ModelException {
        List<float[]> inputs = new ArrayList<>();
        for (TrafficRecord r : pending) {
            if (r.output() == null) {
                inputs.add(r.input());
            }
        }
        float[][] outputs = inputs.isEmpty() ? new float[0][] : model.predict(inputs.toArray(float[][]::new));
        int o = 0;
        for (TrafficRecord r : pending) {
            next.accept(r.output() == null ? r.withOutput(outputs[o++]) : r);
        }
        computed += inputs.size();
        pending.clear();
        missing = 0;
    }

    long computed() {
        return computed;
    }
}
