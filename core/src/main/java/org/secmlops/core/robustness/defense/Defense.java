package org.secmlops.core.robustness.defense;

import java.util.List;
import java.util.Objects;
import org.secmlops.core.model.LoadedModel;

/** One defense configuration of a trade-off evaluation, ready to run on a model. */
public sealed interface Defense {
    /** The configuration as the user wrote it, e.g. {@code bit-depth:3}; {@code none} for the undefended model. */
    String id();

    /** The undefended model: the baseline every defense is compared with. */
    record None() implements Defense {
        @Override
        public String id() {
            return "none";
        }
    }

    /** An input transformation in front of the model. */
    record Transform(String id, InputTransform transform) implements Defense {
        public Transform {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(transform, "transform");
        }
    }

    /**
     * A detector that rejects inputs whose prediction moves under squeezing: above a fixed threshold, when one is
     * given, else above one calibrated on the clean samples to a false-positive rate.
     */
    record Detector(String id, List<InputTransform> squeezers, double falsePositiveRate, Double threshold)
            implements Defense {
        public Detector {
            Objects.requireNonNull(id, "id");
            squeezers = List.copyOf(squeezers);
        }
    }

    /**
     * Randomized smoothing as a prediction defense (Cohen, Rosenfeld and Kolter, ICML 2019): each prediction is the
     * majority vote of the model over {@code votes} noisy copies of the input.
     */
    record Smoothing(String id, GaussianNoise noise, int votes) implements Defense {
        public Smoothing {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(noise, "noise");
            if (votes < 1) {
                throw new IllegalArgumentException("smoothing needs at least one vote, not " + votes);
            }
        }
    }

    /**
     * Another model for the same task, e.g. an adversarially trained candidate, attacked like the baseline (its own
     * gradients; no defense to adapt to). Its owner closes it.
     */
    record Candidate(String id, LoadedModel model) implements Defense {
        public Candidate {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
        }
    }
}
