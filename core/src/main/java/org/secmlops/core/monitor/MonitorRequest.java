package org.secmlops.core.monitor;

import java.nio.file.Path;
import java.util.Objects;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.report.ClassNames;

/**
 * One monitoring window, as {@link MonitorRun#run} takes it: the traffic log and the reference data are required;
 * the preprocessing of the reference (none), the model (none), the state file (none: every window starts without
 * history), the reference cache (none: the reference is read every time), the batch size (64) and the class names (none) are
 * optional.
 *
 * <pre>{@code
 * MonitorRequest request = MonitorRequest.builder(Path.of("traffic.jsonl.gz"), DataSpec.of(reference))
 *         .state(Path.of("monitor.state")).referenceCache(Path.of("reference.cache"))
 *         .build();
 * }</pre>
 *
 * @param traffic        the traffic log, JSON Lines ({@code .gz} too)
 * @param reference      the approved reference data
 * @param preprocessing  how the reference's samples become model inputs (the traffic logs model inputs)
 * @param model          the model, or {@code null}: with one, missing outputs are computed and the reference's
 *                       predictions and confidence are the baseline
 * @param state          the attack detector's state file, read if it exists and written after the window, or
 *                       {@code null}
 * @param referenceCache the reference statistics' cache file, or {@code null}
 * @param batchSize      samples per model call, positive
 * @param classNames     class names by index for the report
 * @param adversarialFpr the false-positive rate the adversarial-input scores are calibrated to, in (0, 0.5)
 * @param baselineResult an evaluateModel {@code result.json} whose accuracy and mean confidence are the baseline, or
 *                       {@code null}
 */
public record MonitorRequest(Path traffic, DataSpec reference, PreprocessingSpec preprocessing, ModelSpec model,
        Path state, Path referenceCache, int batchSize, ClassNames classNames, double adversarialFpr,
        Path baselineResult) {
    /** The batch size of a request that names none. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** The adversarial-input false-positive rate of a request that names none. */
    public static final double DEFAULT_ADVERSARIAL_FPR = 0.01;

    public MonitorRequest {
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(classNames, "classNames");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("the batch size must be positive, not " + batchSize);
        }
        if (!(adversarialFpr > 0 && adversarialFpr < 0.5)) {
            throw new IllegalArgumentException("the adversarial-input false-positive rate must be in (0, 0.5), not "
                    + adversarialFpr);
        }
    }

    /** A request with the required values and the defaults of the optional ones. */
    public static Builder builder(Path traffic, DataSpec reference) {
        return new Builder(traffic, reference);
    }

    /** Builds a {@link MonitorRequest}. */
    public static final class Builder {
        private final Path traffic;
        private final DataSpec reference;
        private PreprocessingSpec preprocessing = PreprocessingSpec.NONE;
        private ModelSpec model;
        private Path state;
        private Path referenceCache;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private ClassNames classNames = ClassNames.NONE;
        private double adversarialFpr = DEFAULT_ADVERSARIAL_FPR;
        private Path baselineResult;

        private Builder(Path traffic, DataSpec reference) {
            this.traffic = traffic;
            this.reference = reference;
        }

        /** The reference's preprocessing; default none. */
        public Builder preprocessing(PreprocessingSpec value) {
            preprocessing = value;
            return this;
        }

        /** The model; default none. */
        public Builder model(ModelSpec value) {
            model = value;
            return this;
        }

        /** The state file; default none. */
        public Builder state(Path value) {
            state = value;
            return this;
        }

        /** The reference cache file; default none. */
        public Builder referenceCache(Path value) {
            referenceCache = value;
            return this;
        }

        /** Samples per model call; default {@value MonitorRequest#DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Class names by index for the report; default none. */
        public Builder classNames(ClassNames value) {
            classNames = value;
            return this;
        }

        /** The adversarial-input false-positive rate; default {@value MonitorRequest#DEFAULT_ADVERSARIAL_FPR}. */
        public Builder adversarialFpr(double value) {
            adversarialFpr = value;
            return this;
        }

        /** The evaluateModel result that is the accuracy and confidence baseline; default none. */
        public Builder baselineResult(Path value) {
            baselineResult = value;
            return this;
        }

        /** @throws IllegalArgumentException as the constructor does */
        public MonitorRequest build() {
            return new MonitorRequest(traffic, reference, preprocessing, model, state, referenceCache, batchSize,
                    classNames, adversarialFpr, baselineResult);
        }
    }
}
