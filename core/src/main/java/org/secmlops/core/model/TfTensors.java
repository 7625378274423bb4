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

    /** The float values of a tensor, split into {@code rows} equal rows. */
    static float[][] rows(TF_Tensor tensor, int rows) throws ModelException {
        FloatBuffer values = buffer(tensor).asFloatBuffer();
        if (rows == 0 || values.remaining() % rows != 0) {
            throw new ModelException("The model returned " + values.remaining() + " values for " + rows
                    + " samples");
        }
        int width = values.remaining() / rows;
        float[][] out = new float[rows][width];
        for (float[] row : out) {
            values.get(row);
        }
        return out;
    }

    private static java.nio.ByteBuffer buffer(TF_Tensor tensor) {
        long bytes = tensorflow.TF_TensorByteSize(tensor);
        return tensorflow.TF_TensorData(tensor).capacity(bytes).asByteBuffer().order(ByteOrder.nativeOrder());
    }
}
