package org.secmlops.core.model;

/**
 * L∞ steepest-ascent iterations that run inside the engine, for engines that can add the step to the model's own
 * graph. Each {@link #outputsAndStep} computes the outputs of the current iterates and moves every iterate to
 * {@code clip(x + step · sign(∇ₓ CE(x, label)), low, high)} (the clean value where the gradient is NaN; every
 * {@code low} at most its {@code high}), in the same engine call as the forward and backward pass, so the iterates
 * stay in the engine's memory between calls.
 * Row {@code k} of every array refers to the same sample. Not thread-safe; {@link #close} releases the tensors.
 */
public interface SignSteps extends AutoCloseable {
    /** The samples iterated, as rows. */
    int rows();

    /**
     * One forward and backward pass: the outputs of the current iterates, which are then replaced by the stepped
     * ones. The outputs come as one array, row after row ({@link #rows()} rows of equal length): no array per row,
     * which cost more than the step's own Java work on small models. The iterates whose outputs were returned stay
     * readable through {@link #evaluated} until the next call.
     *
     * @throws ModelException when the engine fails or returns a number of values that is not a multiple of the rows
     */
    float[] outputsAndStep() throws ModelException;

    /** The given rows of the iterates whose outputs the last {@link #outputsAndStep} returned. */
    float[][] evaluated(int[] rows);

    /**
     * The outputs of the current iterates (one forward pass, no step).
     *
     * @throws ModelException when the engine fails
     */
    float[][] outputs() throws ModelException;

    /** The given rows of the current iterates. */
    float[][] current(int[] rows);

    /**
     * Keeps only the given rows, in that order, from now on; row {@code k} afterwards is row {@code rows[k]} before.
     * Forgets the {@link #evaluated} iterates.
     *
     * @throws ModelException when the engine cannot hold the new tensors
     */
    void retain(int[] rows) throws ModelException;

    @Override
    void close();
}
