package org.secmlops.core.robustness;

import java.util.List;
import java.util.Objects;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.ShardAssignment;
import org.secmlops.core.robustness.defense.DefenseConfig;
import org.secmlops.core.robustness.defense.DefenseSpec;

/**
 * One robustness run, as {@link RobustnessRun#run} takes it: the model, the data and what to run are required; the
 * preprocessing (none), the valid input range (from the data), the class names (none) and the defenses whose
 * trade-off is measured (none) are optional.
 *
 * <pre>{@code
 * RobustnessRequest request = RobustnessRequest.builder(ModelSpec.of(model), DataSpec.of(data), config)
 *         .preprocessing(PreprocessingSpec.builder().scale(1 / 16f).build())
 *         .validRange(ValidRange.given(0, 1))
 *         .build();
 * }</pre>
 *
 * @param model         the model to attack
 * @param data          its labelled data
 * @param config        the attacks, corruptions, smoothing and sample counts
 * @param preprocessing the declared preprocessing
 * @param validRange    the range every perturbation is clipped to
 * @param classNames    class names by index for the report
 * @param defenses      defense configurations to evaluate beside the undefended model; empty for none
 * @param eotSamples    draws each adaptive gradient of a randomized defense averages
 * @param gates         the run's gates: those on {@code DEFENSE_*} metrics select the reported configuration
 * @param candidates    other models for the same task compared with {@code model} in the trade-off; empty for none
 * @param shard         the shard of the data to evaluate, or {@code null} for all of it; not with a trade-off
 */
public record RobustnessRequest(ModelSpec model, DataSpec data, RobustnessConfig config,
        PreprocessingSpec preprocessing, ValidRange validRange, ClassNames classNames, List<DefenseSpec> defenses,
        int eotSamples, List<QualityGate> gates, List<ModelSpec> candidates, ShardAssignment shard) {
    public RobustnessRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(validRange, "validRange");
        Objects.requireNonNull(classNames, "classNames");
        defenses = List.copyOf(defenses);
        gates = List.copyOf(gates);
        candidates = List.copyOf(candidates);
        if (!defenses.isEmpty() || !candidates.isEmpty()) {
            new DefenseConfig(defenses, config.attacks(), config.epsilons(), eotSamples, config.seed(),
                    config.maxSamples(), config.batchSize());
        }
        if (shard != null && (!defenses.isEmpty() || !candidates.isEmpty())) {
            throw new IllegalArgumentException("a defense trade-off cannot be sharded: it selects a configuration"
                    + " from the whole data's results; run --defense and --candidate-model without --shard");
        }
    }

    /** Whether the run measures a trade-off: defenses or candidate models were asked for. */
    public boolean tradeOff() {
        return !defenses.isEmpty() || !candidates.isEmpty();
    }

    /** The trade-off evaluation's configuration. */
    public DefenseConfig defenseConfig() {
        return new DefenseConfig(defenses, config.attacks(), config.epsilons(), eotSamples, config.seed(),
                config.maxSamples(), config.batchSize());
    }

    /** A request with the required values and the defaults of the optional ones. */
    public static Builder builder(ModelSpec model, DataSpec data, RobustnessConfig config) {
        return new Builder(model, data, config);
    }

    /** Builds a {@link RobustnessRequest}. */
    public static final class Builder {
        private final ModelSpec model;
        private final DataSpec data;
        private final RobustnessConfig config;
        private PreprocessingSpec preprocessing = PreprocessingSpec.NONE;
        private ValidRange validRange = ValidRange.fromData();
        private ClassNames classNames = ClassNames.NONE;
        private List<DefenseSpec> defenses = List.of();
        private int eotSamples = DefenseConfig.DEFAULT_EOT_SAMPLES;
        private List<QualityGate> gates = List.of();
        private List<ModelSpec> candidates = List.of();
        private ShardAssignment shard;

        private Builder(ModelSpec model, DataSpec data, RobustnessConfig config) {
            this.model = model;
            this.data = data;
            this.config = config;
        }

        /** The declared preprocessing; default none. */
        public Builder preprocessing(PreprocessingSpec value) {
            preprocessing = value;
            return this;
        }

        /** The valid input range; default {@link ValidRange#fromData()}. */
        public Builder validRange(ValidRange value) {
            validRange = value;
            return this;
        }

        /** Class names by index for the report; default none. */
        public Builder classNames(ClassNames value) {
            classNames = value;
            return this;
        }

        /** Defenses to evaluate beside the undefended model (default none). */
        public Builder defenses(List<DefenseSpec> value) {
            defenses = value;
            return this;
        }

        /** EOT draws per adaptive gradient of a randomized defense (default {@value DefenseConfig#DEFAULT_EOT_SAMPLES}). */
        public Builder eotSamples(int value) {
            eotSamples = value;
            return this;
        }

        /** The run's gates, which select the reported defense configuration (default none). */
        public Builder gates(List<QualityGate> value) {
            gates = value;
            return this;
        }

        /** Other models for the same task to compare with the model in the trade-off (default none). */
        public Builder candidates(List<ModelSpec> value) {
            candidates = value;
            return this;
        }

        /** Evaluate only this shard of the data (default: all of it). */
        public Builder shard(ShardAssignment value) {
            shard = value;
            return this;
        }

        public RobustnessRequest build() {
            return new RobustnessRequest(model, data, config, preprocessing, validRange, classNames, defenses,
                    eotSamples, gates, candidates, shard);
        }
    }
}
