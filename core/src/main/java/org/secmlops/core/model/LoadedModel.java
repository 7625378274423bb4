package org.secmlops.core.model;

/**
 * A model loaded into an engine, ready to run on batches of samples. Each sample is a flat {@code float}
 * vector in the layout the model expects; its shape is {@link #sampleShape}. Native memory of a call is
 * released before the call returns; {@link #close} releases the model. Not thread-safe.
 */
public interface LoadedModel extends AutoCloseable {
    /** The engine that runs the model. */
    EngineKind engine();

    /** The engine and its version, e.g. {@code TensorFlow 2.16.1}. */
    String engineName();

    /** Where it runs, e.g. {@code cpu()} or {@code gpu(0)}. */
    String device();

    /** The engine's thread configuration and how it was chosen; {@link EngineThreads#UNKNOWN} where none was. */
    default EngineThreads threads() {
        return EngineThreads.UNKNOWN;
    }

    /** The input fed, e.g. {@code serving_default_x:0} or {@code input}. */
    String inputName();

    /** The output read. */
    String outputName();

    /** The shape of one sample as fed to the model, or {@code null} until the first batch fixes it. */
    int[] sampleShape();

    /**
     * Runs the model.
     *
     * @param batch one flat row per sample, all of the same length
     * @return the model's output per sample (logits, or probabilities for a model that ends in softmax)
     * @throws ModelException when the engine rejects the input
     */
    float[][] predict(float[][] batch) throws ModelException;

    /**
     * The tensor holding the penultimate-layer activations (the input of the last dense layer), e.g. {@code h:0},
     * or {@code null} when the model does not expose it (ONNX Runtime, TorchScript, TensorFlow graphs whose last
     * layer is not a {@code MatMul}). TensorFlow 2 SavedModels expose it from the copy of their function in the
     * graph.
     */
    default String embeddingName() {
        return null;
    }

    /**
     * The outputs and the penultimate-layer activations of a batch in one pass; the outputs twice when
     * {@link #embeddingName()} is {@code null}.
     *
     * @throws ModelException when the engine rejects the input
     */
    default OutputsAndEmbedding predictWithEmbedding(float[][] batch) throws ModelException {
        float[][] outputs = predict(batch);
        return new OutputsAndEmbedding(outputs, outputs);
    }

    /** Whether {@link #inputGradient} is available (not for ONNX Runtime). */
    boolean supportsGradients();

    /**
     * The gradient of the cross-entropy loss with respect to the input, one row per sample: row {@code i} is
     * {@code d CE(softmax(output_i), labels[i]) / d input_i}, the outputs taken as logits.
     *
     * @throws UnsupportedOperationException when {@link #supportsGradients()} is false
     * @throws ModelException                when the engine fails
     */
    float[][] inputGradient(float[][] batch, int[] labels) throws ModelException;

    /**
     * The outputs and {@link #inputGradient} of a batch together. Engines that compute the outputs on the way to
     * the gradient return them without a second forward pass; the default runs {@link #predict} and
     * {@link #inputGradient}.
     *
     * @throws UnsupportedOperationException when {@link #supportsGradients()} is false
     * @throws ModelException                when the engine fails
     */
    default OutputsAndGradient outputsAndGradient(float[][] batch, int[] labels) throws ModelException {
        return new OutputsAndGradient(predict(batch), inputGradient(batch, labels));
    }

    /** Whether {@link #vectorJacobian} is available (TorchScript and SavedModel, not ONNX Runtime). */
    default boolean supportsVectorJacobian() {
        return false;
    }

    /**
     * The outputs of a batch and the vector–Jacobian product at them: row {@code i} of the gradient is
     * {@code d sum(output_i ⊙ u_i) / d input_i}, with {@code u = upstream.of(outputs)} computed from this very
     * forward pass. Losses on structured outputs (detections) are computed in Java this way.
     *
     * @throws UnsupportedOperationException when {@link #supportsVectorJacobian()} is false
     * @throws ModelException                when the engine fails or {@code upstream} does not fit the outputs
     */
    default OutputsAndGradient vectorJacobian(float[][] batch, UpstreamGradient upstream) throws ModelException {
        throw new UnsupportedOperationException(engineName() + " computes no vector-Jacobian products");
    }

    /** Whether {@link #signSteps} runs L∞ steps inside the engine (TensorFlow). */
    default boolean supportsSignSteps() {
        return false;
    }

    /**
     * Starts L∞ steepest-ascent iterations inside the engine from {@code start}; see {@link SignSteps}. All arrays
     * have one row per sample, {@code low}, {@code high} and {@code clean} the width of the samples.
     *
     * @param step the step size, positive
     * @throws UnsupportedOperationException when {@link #supportsSignSteps()} is false
     * @throws ModelException                when the engine rejects the input
     */
    default SignSteps signSteps(float[][] start, float[][] low, float[][] high, float[][] clean, int[] labels,
            float step) throws ModelException {
        throw new UnsupportedOperationException(engineName() + " cannot run attack steps inside the engine");
    }

    @Override
    void close();
}
