package org.secmlops.core.model;

import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Conversions between rows of samples and flat tensors. */
final class Batches {
    private Batches() {
    }

    /** The rows concatenated; all rows must have the same length. */
    static float[] flatten(float[][] batch) throws ModelException {
        int width = width(batch);
        float[] flat = new float[batch.length * width];
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(batch[i], 0, flat, i * width, width);
        }
        return flat;
    }

    /** The common length of the rows; the batch must hold at least one row, and all rows the same length. */
    static int width(float[][] batch) throws ModelException {
        if (batch.length == 0) {
            throw new ModelException("Empty batch");
        }
        int width = batch[0].length;
        for (int i = 1; i < batch.length; i++) {
            if (batch[i].length != width) {
                throw new ModelException("Sample " + i + " of the batch has " + batch[i].length + " values, sample 0 has "
                        + width);
            }
        }
        return width;
    }

    /**
     * The rows concatenated into a direct buffer in native order, as the engines take their inputs without
     * another copy; {@code reuse} is filled again when it is large enough (pass the previous result), else a new
     * buffer is made. The result holds exactly the batch (position 0, limit its size in bytes). All rows must have
     * the same length.
     */
    static ByteBuffer direct(ByteBuffer reuse, float[][] batch) throws ModelException {
        int width = width(batch);
        long bytes = (long) batch.length * width * Float.BYTES;
        if (bytes > Integer.MAX_VALUE) {
            throw new ModelException("A batch of " + batch.length + " samples of " + width + " values is too large");
        }
        ByteBuffer buffer = reuse != null && reuse.capacity() >= bytes ? reuse
                : ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        buffer.clear().limit((int) bytes);
        FloatBuffer floats = buffer.asFloatBuffer();
        for (float[] row : batch) {
            floats.put(row);
        }
        return buffer;
    }

    /** The batch's tensor shape: the batch size, then the sample shape. */
    static Shape shape(int batchSize, int[] sampleShape) {
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = batchSize;
        for (int i = 0; i < sampleShape.length; i++) {
            dims[i + 1] = sampleShape[i];
        }
        return new Shape(dims);
    }

    /** Refuses an engine output of {@code values} values that does not split into {@code rows} equal rows. */
    static void checkRows(long values, int rows) throws ModelException {
        if (rows == 0 || values % rows != 0) {
            throw new ModelException("The model returned " + values + " values for " + rows + " samples");
        }
    }

    /** Splits a flat output of {@code rows} samples into rows. */
    static float[][] rows(float[] flat, int rows) throws ModelException {
        checkRows(flat.length, rows);
        int width = flat.length / rows;
        float[][] out = new float[rows][width];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }

    /** Refuses an upstream vector whose rows do not match the outputs' rows one to one. */
    static void requireSameWidths(float[][] upstream, float[][] outputs) throws ModelException {
        if (upstream == null || upstream.length != outputs.length) {
            throw new ModelException("The upstream gradient has " + (upstream == null ? 0 : upstream.length)
                    + " rows for " + outputs.length + " outputs");
        }
        for (int i = 0; i < outputs.length; i++) {
            if (upstream[i].length != outputs[i].length) {
                throw new ModelException("Upstream row " + i + " has " + upstream[i].length + " values, the output "
                        + outputs[i].length);
            }
        }
    }

    /** Checks the arguments of {@link LoadedModel#signSteps}: one row of each per sample, a positive step. */
    static void checkSignSteps(float[][] start, float[][] low, float[][] high, float[][] clean, int[] labels,
            float step) throws ModelException {
        int rows = start.length;
        if (labels.length != rows || low.length != rows || high.length != rows || clean.length != rows) {
            throw new ModelException("Sign steps need one start, bound, clean sample and label per row");
        }
        if (!(step > 0) || !Float.isFinite(step)) {
            throw new ModelException("The step size must be positive, not " + step);
        }
    }
}
