package org.secmlops.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * {@link SignSteps} on PyTorch tensors: the gradient comes from autograd, the step is computed by libtorch, and the
 * iterate stays a tensor from one step to the next. The bounds, clean samples and labels are kept as Java rows too,
 * to rebuild the tensors when rows are dropped.
 */
final class PtSignSteps implements SignSteps {
    private final DjlBlockModel model;
    private final PtSymbolBlock block;
    private final int[] sampleShape;
    private final NDManager manager;
    private final float step;
    private float[][] low;
    private float[][] high;
    private float[][] clean;
    private int[] labels;
    private NDArray iterate;
    private NDArray evaluated;
    private NDArray lowTensor;
    private NDArray highTensor;
    private NDArray cleanTensor;
    private NDArray negatedOneHot;
    private int classes = -1;
    private int rows;

    PtSignSteps(DjlBlockModel model, PtSymbolBlock block, NDManager parent, int[] sampleShape, float[][] start,
            float[][] low, float[][] high, float[][] clean, int[] labels, float step) throws ModelException {
        this.model = model;
        this.block = block;
        this.sampleShape = sampleShape;
        this.step = step;
        this.manager = parent.newSubManager();
        try {
            load(start, low, high, clean, labels);
        } catch (ModelException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private void load(float[][] start, float[][] lows, float[][] highs, float[][] cleans, int[] labelRows)
            throws ModelException {
        rows = start.length;
        low = lows;
        high = highs;
        clean = cleans;
        labels = labelRows;
        Shape shape = Batches.shape(rows, sampleShape);
        iterate = manager.create(Batches.flatten(start), shape);
        lowTensor = manager.create(Batches.flatten(lows), shape);
        highTensor = manager.create(Batches.flatten(highs), shape);
        cleanTensor = manager.create(Batches.flatten(cleans), shape);
        negatedOneHot = null;
    }

    /** The one-hot labels times −1, made once the first outputs tell the number of classes. */
    private NDArray negatedOneHot(NDArray logits) throws ModelException {
        if (negatedOneHot == null) {
            classes = (int) logits.getShape().get(1);
            for (int label : labels) {
                if (label < 0 || label >= classes) {
                    throw new ModelException("Label " + label + " is outside the model's " + classes + " outputs");
                }
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray negated = scope.create(labels).oneHot(classes).neg();
                negated.attach(manager);
                negatedOneHot = negated;
            }
        }
        return negatedOneHot;
    }

    @Override
    public int rows() {
        return rows;
    }

    /**
     * Autograd runs on the iterate itself (no copy), and the cross-entropy is the log-softmax weighted by the negated
     * one-hot labels (no negation per step). The step's ops run after the collector has closed, outside autograd, so
     * the next iterate is a plain tensor again; the sign and the step are computed in place.
     */
    @Override
    public float[] outputsAndStep() throws ModelException {
        try (NDManager scope = manager.newSubManager()) {
            NDArray gradient;
            float[] outputs;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                iterate.setRequiresGradient(true);
                NDList forward = IValueUtils.forward(block, new NDList(iterate), true);
                forward.attach(scope);
                NDArray logits = model.output(forward);
                NDArray loss = logits.logSoftmax(1).mul(negatedOneHot(logits)).sum();
                outputs = logits.toFloatArray();
                Batches.checkRows(outputs.length, rows);
                collector.backward(loss);
                gradient = iterate.getGradient();
                gradient.attach(scope);
            }
            NDArray moved = gradient.sign().muli(step).addi(iterate);
            NDArray clipped = NDArrays.minimum(NDArrays.maximum(moved, lowTensor), highTensor);
            NDArray next = NDArrays.where(gradient.isNaN(), cleanTensor, clipped);
            next.attach(manager);
            if (evaluated != null) {
                evaluated.close();
            }
            evaluated = iterate;
            iterate = next;
            return outputs;
        } catch (RuntimeException e) {
            throw new ModelException("PyTorch failed to run the attack step: " + e.getMessage(), e);
        }
    }

    @Override
    public float[][] evaluated(int[] selected) {
        if (evaluated == null) {
            throw new IllegalStateException("No iterate has been evaluated since the last step or retain");
        }
        return select(evaluated, selected);
    }

    @Override
    public float[][] outputs() throws ModelException {
        try (NDManager scope = manager.newSubManager()) {
            NDList out = block.forward(new ParameterStore(scope, false), new NDList(iterate), false);
            out.attach(scope);
            return Batches.rows(model.output(out).toFloatArray(), rows);
        } catch (RuntimeException e) {
            throw new ModelException("PyTorch failed to run the model: " + e.getMessage(), e);
        }
    }

    @Override
    public float[][] current(int[] selected) {
        return select(iterate, selected);
    }

    /** The rows, picked by libtorch so that only they are copied out. */
    private float[][] select(NDArray tensor, int[] selected) {
        long[] index = new long[selected.length];
        for (int k = 0; k < selected.length; k++) {
            index[k] = checked(selected[k]);
        }
        if (index.length == 0) {
            return new float[0][];
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray picked = tensor.get(scope.create(index));
            picked.attach(scope);
            float[] flat = picked.toFloatArray();
            int width = flat.length / index.length;
            float[][] out = new float[index.length][width];
            for (int k = 0; k < index.length; k++) {
                System.arraycopy(flat, k * width, out[k], 0, width);
            }
            return out;
        }
    }

    @Override
    public void retain(int[] kept) throws ModelException {
        for (int row : kept) {
            checked(row);
        }
        float[][] start = select(iterate, kept);
        float[][] lows = new float[kept.length][];
        float[][] highs = new float[kept.length][];
        float[][] cleans = new float[kept.length][];
        int[] keptLabels = new int[kept.length];
        for (int k = 0; k < kept.length; k++) {
            lows[k] = low[kept[k]];
            highs[k] = high[kept[k]];
            cleans[k] = clean[kept[k]];
            keptLabels[k] = labels[kept[k]];
        }
        for (NDArray tensor : new NDArray[] {iterate, evaluated, lowTensor, highTensor, cleanTensor, negatedOneHot}) {
            if (tensor != null) {
                tensor.close();
            }
        }
        evaluated = null;
        load(start, lows, highs, cleans, keptLabels);
    }

    private int checked(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("Row " + row + " of " + rows);
        }
        return row;
    }

    @Override
    public void close() {
        manager.close();
    }
}
