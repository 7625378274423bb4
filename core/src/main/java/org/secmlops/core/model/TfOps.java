package org.secmlops.core.model;

import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Operation;
import org.tensorflow.internal.c_api.TF_OperationDescription;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * Adds ops to a loaded TensorFlow graph through the C API, each named {@code prefix_name}. Type attributes bound
 * to inputs are inferred by TensorFlow. Throws {@link RuntimeException} (from the status) when TensorFlow refuses
 * an op. Use inside a {@code PointerScope}.
 */
final class TfOps {
    private final TF_Graph graph;
    private final String prefix;
    private final TF_Status status;

    TfOps(TF_Graph graph, String prefix, TF_Status status) {
        this.graph = graph;
        this.prefix = prefix;
        this.status = status;
    }

    static TF_Output output(TF_Operation op, int index) {
        return new TF_Output(1).oper(op).index(index);
    }

    TF_Output placeholder(String name, int dtype) {
        TF_OperationDescription description = describe("Placeholder", name);
        tensorflow.TF_SetAttrType(description, "dtype", dtype);
        return finish(description);
    }

    TF_Output unary(String type, String name, TF_Output x) {
        TF_OperationDescription description = describe(type, name);
        tensorflow.TF_AddInput(description, x);
        return finish(description);
    }

    TF_Output binary(String type, String name, TF_Output x, TF_Output y) {
        TF_OperationDescription description = describe(type, name);
        tensorflow.TF_AddInput(description, x);
        tensorflow.TF_AddInput(description, y);
        return finish(description);
    }

    TF_Output ternary(String type, String name, TF_Output x, TF_Output y, TF_Output z) {
        TF_OperationDescription description = describe(type, name);
        tensorflow.TF_AddInput(description, x);
        tensorflow.TF_AddInput(description, y);
        tensorflow.TF_AddInput(description, z);
        return finish(description);
    }

    /** {@code condition ? whenTrue : whenFalse}, element by element ({@code SelectV2}). */
    TF_Output select(String name, TF_Output condition, TF_Output whenTrue, TF_Output whenFalse) {
        return ternary("SelectV2", name, condition, whenTrue, whenFalse);
    }

    private TF_OperationDescription describe(String type, String name) {
        return tensorflow.TF_NewOperation(graph, type, prefix + "_" + name);
    }

    private TF_Output finish(TF_OperationDescription description) {
        TF_Operation op = tensorflow.TF_FinishOperation(description, status);
        status.throwExceptionIfNotOK();
        return output(op, 0);
    }
}
