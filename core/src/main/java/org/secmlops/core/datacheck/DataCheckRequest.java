package org.secmlops.core.datacheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.report.ClassNames;

/**
 * One data check, as {@link DataCheckRun#run} takes it. The data and the file of per-sample scores are required;
 * everything else is optional: a model whose outputs replace the cross-validated learners (none), a reference for
 * drift (none), an approved manifest to compare with (none), where to write the manifest, a cleaned copy and the
 * learner cache (nowhere), the check's options ({@link DataCheckOptions#defaults()}), the preprocessing (none), the
 * batch size (64) and the class names (none).
 *
 * <pre>{@code
 * DataCheckRequest request = DataCheckRequest.builder(DataSpec.of(data), reportDir.resolve("sample-scores.csv"))
 *         .reference(DataSpec.of(reference))
 *         .options(DataCheckOptions.defaults().withFolds(3))
 *         .build();
 * }</pre>
 *
 * @param data             the training data to check
 * @param scoresFile       where the per-sample scores are written
 * @param preprocessing    the declared preprocessing (for the model)
 * @param model            the model whose outputs are used, or {@code null}
 * @param reference        trusted reference data for drift, or {@code null}
 * @param approvedManifest the approved per-sample manifest to compare with, or {@code null}
 * @param manifestOut      where the per-sample manifest is written, or {@code null}
 * @param cleanedOut       where the copy without the suspicious samples is written, or {@code null}
 * @param learnerCache     the learner cache read (when it exists) and written, or {@code null}
 * @param options          the check's options
 * @param batchSize        samples per batch for the model, positive
 * @param classNames       class names by index for the report
 */
public record DataCheckRequest(DataSpec data, Path scoresFile, PreprocessingSpec preprocessing, ModelSpec model,
        DataSpec reference, Path approvedManifest, Path manifestOut, Path cleanedOut, Path learnerCache,
        DataCheckOptions options, int batchSize, ClassNames classNames) {
    /** The batch size of a request that names none. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    public DataCheckRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(scoresFile, "scoresFile");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(classNames, "classNames");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("the batch size must be positive, not " + batchSize);
        }
    }

    /** A request with the required values and the defaults of the optional ones. */
    public static Builder builder(DataSpec data, Path scoresFile) {
        return new Builder(data, scoresFile);
    }

    /** The capability of this run: its metrics depend on whether there is a reference and an approved manifest. */
    public DataCheckCapability capability() {
        return DataCheckCapability.forRun(reference != null, approvedManifest != null);
    }

    /** Every input path, for the refusal to write a cleaned copy over one; absent ones are {@code null}. */
    public List<Path> inputs() {
        List<Path> inputs = new ArrayList<>(Arrays.asList(data.path(), reference == null ? null : reference.path(),
                approvedManifest, model == null ? null : model.path()));
        inputs.add(data.labels());
        inputs.add(reference == null ? null : reference.labels());
        return inputs;
    }

    /** Builds a {@link DataCheckRequest}. */
    public static final class Builder {
        private final DataSpec data;
        private final Path scoresFile;
        private PreprocessingSpec preprocessing = PreprocessingSpec.NONE;
        private ModelSpec model;
        private DataSpec reference;
        private Path approvedManifest;
        private Path manifestOut;
        private Path cleanedOut;
        private Path learnerCache;
        private DataCheckOptions options = DataCheckOptions.defaults();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private ClassNames classNames = ClassNames.NONE;

        private Builder(DataSpec data, Path scoresFile) {
            this.data = data;
            this.scoresFile = scoresFile;
        }

        /** The declared preprocessing; default none. */
        public Builder preprocessing(PreprocessingSpec value) {
            preprocessing = value;
            return this;
        }

        /** A model whose probabilities and logits replace the cross-validated learners; default none. */
        public Builder model(ModelSpec value) {
            model = value;
            return this;
        }

        /** Trusted reference data for drift; default none. */
        public Builder reference(DataSpec value) {
            reference = value;
            return this;
        }

        /** An approved manifest to compare with; default none. */
        public Builder approvedManifest(Path value) {
            approvedManifest = value;
            return this;
        }

        /** Where to write the per-sample manifest; default nowhere. */
        public Builder manifestOut(Path value) {
            manifestOut = value;
            return this;
        }

        /** Where to write a copy without the suspicious samples; default nowhere. */
        public Builder cleanedOut(Path value) {
            cleanedOut = value;
            return this;
        }

        /** The learner cache to reuse (when it exists) and update; default none. */
        public Builder learnerCache(Path value) {
            learnerCache = value;
            return this;
        }

        /** The check's options; default {@link DataCheckOptions#defaults()}. */
        public Builder options(DataCheckOptions value) {
            options = value;
            return this;
        }

        /** Samples per batch for the model; default {@value DataCheckRequest#DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Class names by index for the report; default none. */
        public Builder classNames(ClassNames value) {
            classNames = value;
            return this;
        }

        /** @throws IllegalArgumentException as the constructor does */
        public DataCheckRequest build() {
            return new DataCheckRequest(data, scoresFile, preprocessing, model, reference, approvedManifest,
                    manifestOut, cleanedOut, learnerCache, options, batchSize, classNames);
        }
    }
}
