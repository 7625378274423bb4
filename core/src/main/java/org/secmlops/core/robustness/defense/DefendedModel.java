package org.secmlops.core.robustness.defense;

import java.util.Objects;
import java.util.SplittableRandom;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.Outputs;
import org.secmlops.core.model.OutputsAndEmbedding;
import org.secmlops.core.model.OutputsAndGradient;

/**
 * A model behind an input defense: every prediction sees the transformed input, and input gradients are taken the
 * way {@link GradientMode} says. Closing it leaves the wrapped model open (its owner closes it). Random draws are
 * seeded, so a run repeats exactly.
 */
public final class DefendedModel extends WrappedModel {
    private final InputTransform transform;
    private final GradientMode mode;
    private final int eotSamples;
    private final int votes;
    private final SplittableRandom predictionDraws;
    private final SplittableRandom gradientDraws;

    /**
     * @param model      the undefended model
     * @param transform  the defense
     * @param mode       how gradients pass the defense
     * @param eotSamples the draws a randomized defense's adaptive gradient averages (EOT), ≥ 1
     * @param seed       seeds the defense's random draws
     */
    public DefendedModel(LoadedModel model, InputTransform transform, GradientMode mode, int eotSamples, long seed) {
        this(model, transform, mode, eotSamples, seed, 1);
    }

    /**
     * A model whose every prediction is the majority vote over {@code votes} transformed copies (randomized smoothing
     * with a noise transform); its outputs are the vote shares.
     *
     * @param votes the transformed copies each prediction votes over, ≥ 1 (1: the transformed input's outputs)
     */
    public DefendedModel(LoadedModel model, InputTransform transform, GradientMode mode, int eotSamples, long seed,
            int votes) {
        super(model);
        if (votes < 1) {
            throw new IllegalArgumentException("votes must be at least 1, was " + votes);
        }
        this.votes = votes;
        if (eotSamples < 1) {
            throw new IllegalArgumentException("EOT samples must be at least 1, was " + eotSamples);
        }
        this.transform = Objects.requireNonNull(transform, "transform");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.eotSamples = eotSamples;
        SplittableRandom random = new SplittableRandom(seed);
        this.predictionDraws = random.split();
        this.gradientDraws = random.split();
    }

    /** Predictions and gradients draw from separate streams, so the EOT count does not change what is predicted. */
    private static SplittableRandom draw(SplittableRandom stream) {
        synchronized (stream) {
            return stream.split();
        }
    }

    private float[][] transformed(float[][] batch, SplittableRandom stream) {
        return transform.applyAll(batch, draw(stream));
    }

    @Override
    public float[][] predict(float[][] batch) throws ModelException {
        if (votes == 1) {
            return model.predict(transformed(batch, predictionDraws));
        }
        float[][] shares = new float[batch.length][];
        for (int v = 0; v < votes; v++) {
            float[][] outputs = model.predict(transformed(batch, predictionDraws));
            for (int i = 0; i < batch.length; i++) {
                if (shares[i] == null) {
                    shares[i] = new float[outputs[i].length];
                }
                shares[i][Outputs.argmax(outputs[i])] += 1f / votes;
            }
        }
        return shares;
    }

    @Override
    public OutputsAndEmbedding predictWithEmbedding(float[][] batch) throws ModelException {
        return model.predictWithEmbedding(transformed(batch, predictionDraws));
    }

    @Override
    public OutputsAndGradient outputsAndGradient(float[][] batch, int[] labels) throws ModelException {
        int draws = mode == GradientMode.ADAPTIVE && transform.randomized() ? eotSamples : 1;
        float[][] outputs = null;
        float[][] sum = new float[batch.length][];
        for (int k = 0; k < draws; k++) {
            float[][] t = transformed(batch, gradientDraws);
            OutputsAndGradient og = model.outputsAndGradient(t, labels);
            if (outputs == null) {
                outputs = og.outputs();
            }
            for (int i = 0; i < batch.length; i++) {
                float[] g = mode == GradientMode.ADAPTIVE ? og.gradient()[i]
                        : transform.naiveBackward(batch[i], og.gradient()[i]);
                if (sum[i] == null) {
                    sum[i] = g.clone();
                } else {
                    for (int j = 0; j < g.length; j++) {
                        sum[i][j] += g[j];
                    }
                }
            }
        }
        if (draws > 1) {
            for (float[] g : sum) {
                for (int j = 0; j < g.length; j++) {
                    g[j] /= draws;
                }
            }
        }
        return new OutputsAndGradient(outputs, sum);
    }

    /** Never: the engine's own attack steps would bypass the defense. */
    @Override
    public boolean supportsSignSteps() {
        return false;
    }

    @Override
    public String embeddingName() {
        return model.embeddingName();
    }

}
