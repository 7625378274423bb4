package org.secmlops.core.evaluate;

import java.util.Objects;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.ShardAssignment;

/**
 * One evaluation, as {@link EvaluateRun#run} takes it: the model and the data are required; the preprocessing
 * (none), the batch size (64) and the class names (none) are optional.
 *
 * <pre>{@code
 * EvaluateRequest request = EvaluateRequest.builder(ModelSpec.of(model), DataSpec.of(data))
 *         .preprocessing(PreprocessingSpec.builder().inputRange(0f, 1f).build())
 *         .batchSize(128)
 *         .build();
 * }</pre>
 *
 * @param model         the model to evaluate
 * @param data          its labelled data
 * @param preprocessing the declared preprocessing
 * @param batchSize     samples per batch, positive
 * @param classNames    class names by index for the report
 * @param shard         the shard of the data to evaluate, or {@code null} for all of it
 */
public record EvaluateRequest(ModelSpec model, DataSpec data, PreprocessingSpec preprocessing, int batchSize,
        ClassNames classNames, ShardAssignment shard) {
    /** The batch size of a request that names none. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    public EvaluateRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(classNames, "classNames");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("the batch size must be positive, not " + batchSize);
        }
    }

    /** A request with the required values and the defaults of the optional ones. */
    public static Builder builder(ModelSpec model, DataSpec data) {
        return new Builder(model, data);
    }

    /** Builds an {@link EvaluateRequest}. */
    public static final class Builder {
        private final ModelSpec model;
        private final DataSpec data;
        private PreprocessingSpec preprocessing = PreprocessingSpec.NONE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private ClassNames classNames = ClassNames.NONE;
        private ShardAssignment shard;

        private Builder(ModelSpec model, DataSpec data) {
            this.model = model;
            this.data = data;
        }

        /** The declared preprocessing; default none. */
        public Builder preprocessing(PreprocessingSpec value) {
            preprocessing = value;
            return this;
        }

        /** Samples per batch; default {@value EvaluateRequest#DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Class names by index for the report; default none. */
        public Builder classNames(ClassNames value) {
            classNames = value;
            return this;
        }

        /** Evaluate only this shard of the data (default: all of it). */
        public Builder shard(ShardAssignment value) {
            shard = value;
            return this;
        }

        /** @throws IllegalArgumentException as the constructor does */
        public EvaluateRequest build() {
            return new EvaluateRequest(model, data, preprocessing, batchSize, classNames, shard);
        }
    }
}
