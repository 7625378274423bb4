package org.secmlops.core.model;

import org.bytedeco.javacpp.PointerPointer;
import org.tensorflow.internal.c_api.TF_Operation;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.TF_Tensor;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * One session run repeated many times with the same feeds and fetches (predictions, gradients, attack steps): the
 * native arrays that name them and hold the tensors, and the status, are made once instead of on every run (DJL's
 * {@code JavacppUtils.runSession} allocates and registers six native objects per call, about 8 µs). Not
 * thread-safe; {@link #close} releases the native arrays.
 */
final class TfSessionRun implements AutoCloseable {
    private final TF_Session session;
    private final TF_Output inputs;
    private final TF_Output outputs;
    private final PointerPointer<TF_Tensor> inputValues;
    private final PointerPointer<TF_Tensor> outputValues;
    private final TF_Status status;
    private final int feeds;
    private final int fetches;
    private boolean closed;

    TfSessionRun(TF_Session session, TF_Operation[] inputOps, int[] inputIndices, TF_Operation[] outputOps,
            int[] outputIndices) {
        this.session = session;
        this.feeds = inputOps.length;
        this.fetches = outputOps.length;
        inputs = new TF_Output(feeds);
        for (int i = 0; i < feeds; i++) {
            inputs.position(i).oper(inputOps[i]).index(inputIndices[i]);
        }
        inputs.position(0);
        outputs = new TF_Output(fetches);
        for (int i = 0; i < fetches; i++) {
            outputs.position(i).oper(outputOps[i]).index(outputIndices[i]);
        }
        outputs.position(0);
        inputValues = new PointerPointer<>(feeds);
        outputValues = new PointerPointer<>(fetches);
        status = TF_Status.newStatus();
    }

    /** Runs the session on {@code values} (one per feed); the caller closes the returned tensors. */
    TF_Tensor[] run(TF_Tensor[] values) {
        for (int i = 0; i < feeds; i++) {
            inputValues.put(i, values[i]);
        }
        tensorflow.TF_SessionRun(session, null, inputs, inputValues, feeds, outputs, outputValues, fetches, null, 0,
                null, status);
        status.throwExceptionIfNotOK();
        TF_Tensor[] results = new TF_Tensor[fetches];
        for (int i = 0; i < fetches; i++) {
            results[i] = outputValues.get(TF_Tensor.class, i).withDeallocator();
        }
        return results;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inputs.close();
        outputs.close();
        inputValues.close();
        outputValues.close();
        status.close();
    }
}
