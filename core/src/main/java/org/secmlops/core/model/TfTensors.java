package org.secmlops.core.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.tensorflow.internal.c_api.AbstractTF_Tensor;
import org.tensorflow.internal.c_api.TF_Tensor;
import org.tensorflow.internal.c_api.global.tensorflow;

/** Host tensors for the TensorFlow C API, filled and read without going through DJL's eager arrays. */
final class TfTensors {
    static final int TF_FLOAT = 1;
    static final int TF_INT32 = 3;

    private TfTensors() {
    }

    /** A float tensor of shape {@code [rows, sampleShape...]} holding the rows; the caller closes it. */
    static TF_Tensor floats(float[][] batch, int[] sampleShape) throws ModelException {
        int width = Batches.width(batch);
        long bytes = (long) batch.length * width * Float.BYTES;
        if (bytes > Integer.MAX_VALUE) {
            throw new ModelException("A batch of " + batch.length + " samples of " + width + " values is too large");
        }
        long[] dims = Batches.shape(batch.length, sampleShape).getShape();
        TF_Tensor tensor = AbstractTF_Tensor.allocateTensor(TF_FLOAT, dims, bytes);
        FloatBuffer values = buffer(tensor).asFloatBuffer();
        for (float[] row : batch) {
            values.put(row);
        }
        return tensor;
    }

    /** A rank-1 int32 tensor; the caller closes it. */
    static TF_Tensor ints(int[] values) {
        TF_Tensor tensor = AbstractTF_Tensor.allocateTensor(TF_INT32, new long[] {values.length},
                (long) values.length * Integer.BYTES);
        IntBuffer buffer = buffer(tensor).asIntBuffer();
        buffer.put(values);
        return tensor;
    }

    /** The float values of a tensor with {@code rows} rows, row after row in one array. */
    static float[] values(TF_Tensor tensor, int rows) throws ModelException {
        FloatBuffer buffer = buffer(tensor).asFloatBuffer();
        Batches.checkRows(buffer.remaining(), rows);
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** The float values of a tensor, split into {@code rows} equal rows. */
    static float[][] rows(TF_Tensor tensor, int rows) throws ModelException {
        FloatBuffer values = buffer(tensor).asFloatBuffer();
        Batches.checkRows(values.remaining(), rows);
        int width = values.remaining() / rows;
        float[][] out = new float[rows][width];
        for (float[] row : out) {
            values.get(row);
        }
        return out;
    }

    /** A scalar float tensor; the caller closes it. */
    static TF_Tensor scalar(float value) {
        TF_Tensor tensor = AbstractTF_Tensor.allocateTensor(TF_FLOAT, new long[0], Float.BYTES);
        buffer(tensor).putFloat(0, value);
        return tensor;
    }

    /** The given rows of a float tensor with {@code rows} rows. */
    static float[][] rows(TF_Tensor tensor, int rows, int[] selected) {
        FloatBuffer values = buffer(tensor).asFloatBuffer();
        int width = values.remaining() / rows;
        float[][] out = new float[selected.length][width];
        for (int k = 0; k < selected.length; k++) {
            values.get(selected[k] * width, out[k]);
        }
        return out;
    }

    /**
     * A new tensor of the same type and row shape holding the given rows of {@code tensor} (whose first dimension
     * is its rows), in that order; the caller closes it.
     */
    static TF_Tensor selectRows(TF_Tensor tensor, int[] rows) {
        int rank = tensorflow.TF_NumDims(tensor);
        long[] dims = new long[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = tensorflow.TF_Dim(tensor, d);
        }
        long rowBytes = tensorflow.TF_TensorByteSize(tensor) / dims[0];
        dims[0] = rows.length;
        TF_Tensor selected = AbstractTF_Tensor.allocateTensor(tensorflow.TF_TensorType(tensor), dims,
                rowBytes * rows.length);
        java.nio.ByteBuffer from = buffer(tensor);
        java.nio.ByteBuffer to = buffer(selected);
        int width = (int) rowBytes;
        for (int k = 0; k < rows.length; k++) {
            to.put(k * width, from, rows[k] * width, width);
        }
        return selected;
    }

    private static java.nio.ByteBuffer buffer(TF_Tensor tensor) {
        long bytes = tensorflow.TF_TensorByteSize(tensor);
        return tensorflow.TF_TensorData(tensor).capacity(bytes).asByteBuffer().order(ByteOrder.nativeOrder());
    }
}
