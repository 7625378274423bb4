package org.secmlops.core.robustness;

import java.util.Objects;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.OutputsAndGradient;
import org.secmlops.core.model.SignSteps;

/**
 * The model as an attack sees it: forward passes and input gradients, counted (the attack's cost), checked for
 * cancellation before every call, plus the valid input range and the samples' geometry. Not thread-safe.
 */
public final class AttackTarget {
    private final LoadedModel model;
    private final InputBounds bounds;
    private final SampleGeometry geometry;
    private long forwardCalls;
    private long forwardSamples;
    private long gradientCalls;
    private long gradientSamples;

    /**
     * @param model    the model; its outputs are taken as logits
     * @param bounds   the valid range of every input value
     * @param geometry how a sample maps onto an image
     */
    public AttackTarget(LoadedModel model, InputBounds bounds, SampleGeometry geometry) {
        this.model = Objects.requireNonNull(model, "model");
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.geometry = Objects.requireNonNull(geometry, "geometry");
    }

    /** The model's outputs (one forward pass per sample). */
    public float[][] predict(float[][] batch) throws ModelException, InterruptedException {
        checkCancelled();
        forwardCalls++;
        forwardSamples += batch.length;
        return model.predict(batch);
    }

    /** The outputs and the input gradient of the cross-entropy (one forward and backward pass per sample). */
    public OutputsAndGradient outputsAndGradient(float[][] batch, int[] labels)
            throws ModelException, InterruptedException {
        checkCancelled();
        gradientCalls++;
        gradientSamples += batch.length;
        return model.outputsAndGradient(batch, labels);
    }

    /** Whether the model runs L∞ sign steps inside its engine. */
    public boolean supportsSignSteps() {
        return model.supportsSignSteps();
    }

    /**
     * L∞ sign steps inside the engine, counted and checked for cancellation like the other calls: each step is one
     * forward and backward pass per row, {@link SignSteps#outputs} one forward pass per row.
     */
    CountedSteps signSteps(float[][] start, float[][] low, float[][] high, float[][] clean, int[] labels,
            float step) throws ModelException, InterruptedException {
        checkCancelled();
        return new CountedSteps(model.signSteps(start, low, high, clean, labels, step));
    }

    /** Whether the model has input gradients. */
    public boolean supportsGradients() {
        return model.supportsGradients();
    }

    public InputBounds bounds() {
        return bounds;
    }

    public SampleGeometry geometry() {
        return geometry;
    }

    /** The calls and samples so far. */
    public PassCount passes() {
        return new PassCount(forwardCalls, forwardSamples, gradientCalls, gradientSamples);
    }

    /** Counts the steps' engine calls; a cancelled run stops before the next call. */
    final class CountedSteps implements AutoCloseable {
        private final SignSteps steps;

        private CountedSteps(SignSteps steps) {
            this.steps = steps;
        }

        int rows() {
            return steps.rows();
        }

        float[] outputsAndStep() throws ModelException, InterruptedException {
            checkCancelled();
            gradientCalls++;
            gradientSamples += steps.rows();
            return steps.outputsAndStep();
        }

        float[][] evaluated(int[] rows) {
            return steps.evaluated(rows);
        }

        float[][] outputs() throws ModelException, InterruptedException {
            checkCancelled();
            forwardCalls++;
            forwardSamples += steps.rows();
            return steps.outputs();
        }

        float[][] current(int[] rows) {
            return steps.current(rows);
        }

        void retain(int[] rows) throws ModelException {
            steps.retain(rows);
        }

        @Override
        public void close() {
            steps.close();
        }
    }

    /**
     * @throws InterruptedException when the thread was interrupted (the run was cancelled)
     */
    public static void checkCancelled() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("robustness evaluation cancelled");
        }
    }
}
