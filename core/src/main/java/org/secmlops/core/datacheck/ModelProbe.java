package org.secmlops.core.datacheck;

import java.util.Arrays;
import java.util.Objects;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.OutputsAndEmbedding;
import org.secmlops.core.model.Softmax;

/**
 * Runs a model over a data table to get its class probabilities and the representation for the detectors: the
 * penultimate-layer activations (the input of the last dense layer) where the model exposes them
 * ({@link LoadedModel#embeddingName()}: TensorFlow graphs whose last layer is a {@code MatMul}), else the logits.
 * Outputs are taken as probabilities when every row lies in [0, 1] and sums to 1 (±0.001), otherwise as logits and
 * softmaxed.
 */
public final class ModelProbe {
    private final Preprocessing preprocessing;
    private final int batchSize;

    public ModelProbe(Preprocessing preprocessing, int batchSize) {
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * The outputs carry a {@link Reclassifier} that runs {@code model} again; it works while the model stays open.
     *
     * @param name what to call the model in the report, e.g. its path
     * @throws ModelException   when the model fails or returns non-finite or ragged outputs
     * @throws DatasetException when the preprocessing does not fit the data
     */
    public ModelOutputs run(LoadedModel model, DataTable data, String name) throws ModelException, DatasetException {
        int[] shape = data.sampleShape();
        preprocessing.shape(shape);
        int n = data.size();
        float[][] outputs = new float[n][];
        float[][] embedding = new float[n][];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            float[][] batch = new float[to - from][];
            for (int i = from; i < to; i++) {
                batch[i - from] = preprocessing.apply(data.features().row(i), shape);
            }
            OutputsAndEmbedding both = model.predictWithEmbedding(batch);
            float[][] out = both.outputs();
            for (int i = from; i < to; i++) {
                float[] row = out[i - from];
                if (row.length != out[0].length || row.length < 2) {
                    throw new ModelException("Sample " + data.ids().get(i) + ": the model returned " + row.length
                            + " outputs");
                }
                for (float v : row) {
                    if (!Float.isFinite(v)) {
                        throw new ModelException("Sample " + data.ids().get(i)
                                + ": the model returned a non-finite output " + Arrays.toString(row));
                    }
                }
                outputs[i] = row;
                embedding[i] = checkedEmbedding(both.embedding()[i - from], data.ids().get(i));
            }
        }
        boolean probabilities = Arrays.stream(outputs).allMatch(Softmax::isDistribution);
        float[][] p = probabilities ? outputs : Arrays.stream(outputs).map(Softmax::of).toArray(float[][]::new);
        String source = name + " (" + model.engineName() + "), represented by its " + (model.embeddingName() == null
                ? (probabilities ? "outputs (probabilities)" : "logits") + "; the model exposes no penultimate"
                        + " activations"
                : "penultimate activations " + model.embeddingName() + " (" + embedding[0].length + " values)");
        return new ModelOutputs(p, model.embeddingName() == null ? outputs : embedding, source,
                rows -> reclassify(model, rows, shape));
    }

    /** The model's outputs on changed rows, through the same preprocessing; valid while the model is open. */
    private float[][] reclassify(LoadedModel model, float[][] rows, int[] shape) throws ModelException,
            DatasetException {
        float[][] out = new float[rows.length][];
        for (int from = 0; from < rows.length; from += batchSize) {
            int to = Math.min(rows.length, from + batchSize);
            float[][] batch = new float[to - from][];
            for (int i = from; i < to; i++) {
                batch[i - from] = preprocessing.apply(rows[i], shape);
            }
            float[][] predicted = model.predict(batch);
            System.arraycopy(predicted, 0, out, from, to - from);
        }
        return out;
    }

    private static float[] checkedEmbedding(float[] row, String id) throws ModelException {
        for (float v : row) {
            if (!Float.isFinite(v)) {
                throw new ModelException("Sample " + id + ": the model's penultimate activations hold a non-finite"
                        + " value");
            }
        }
        return row;
    }


}
