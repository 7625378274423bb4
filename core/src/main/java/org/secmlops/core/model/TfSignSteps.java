package org.secmlops.core.model;

import org.tensorflow.internal.c_api.TF_Tensor;

/** {@link SignSteps} on host tensors that go from one session run to the next without a copy. */
final class TfSignSteps implements SignSteps {
    private static final int ITERATE = 0;

    private final TfSavedModel model;
    private final TfSessionRun step;
    private final TF_Tensor[] feeds;
    private TF_Tensor evaluated;
    private int rows;

    /** Takes ownership of the step run and the feeds: iterate, labels, low, high, clean, step. */
    TfSignSteps(TfSavedModel model, TfSessionRun step, TF_Tensor[] feeds, int rows) {
        this.model = model;
        this.step = step;
        this.feeds = feeds;
        this.rows = rows;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public float[] outputsAndStep() throws ModelException {
        TF_Tensor[] results;
        try {
            results = step.run(feeds);
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow failed to run the attack step: " + e.getMessage(), e);
        }
        try {
            float[] outputs = TfTensors.values(results[0], rows);
            close(evaluated);
            evaluated = feeds[ITERATE];
            feeds[ITERATE] = results[1];
            results[1] = null;
            return outputs;
        } finally {
            close(results[0]);
            close(results[1]);
        }
    }

    @Override
    public float[][] evaluated(int[] selected) {
        if (evaluated == null) {
            throw new IllegalStateException("No iterate has been evaluated since the last step or retain");
        }
        return TfTensors.rows(evaluated, rows, checked(selected));
    }

    @Override
    public float[][] outputs() throws ModelException {
        return model.outputs(feeds[ITERATE], rows);
    }

    @Override
    public float[][] current(int[] selected) {
        return TfTensors.rows(feeds[ITERATE], rows, checked(selected));
    }

    @Override
    public void retain(int[] kept) throws ModelException {
        checked(kept);
        close(evaluated);
        evaluated = null;
        for (int i = 0; i < feeds.length - 1; i++) {
            TF_Tensor selected = TfTensors.selectRows(feeds[i], kept);
            feeds[i].close();
            feeds[i] = selected;
        }
        rows = kept.length;
    }

    private int[] checked(int[] selected) {
        for (int row : selected) {
            if (row < 0 || row >= rows) {
                throw new IndexOutOfBoundsException("Row " + row + " of " + rows);
            }
        }
        return selected;
    }

    @Override
    public void close() {
        step.close();
        close(evaluated);
        evaluated = null;
        for (int i = 0; i < feeds.length; i++) {
            close(feeds[i]);
            feeds[i] = null;
        }
    }

    private static void close(TF_Tensor tensor) {
        if (tensor != null) {
            tensor.close();
        }
    }
}
