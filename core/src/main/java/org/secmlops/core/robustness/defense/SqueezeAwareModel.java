package org.secmlops.core.robustness.defense;

import java.util.List;
import java.util.SplittableRandom;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.OutputsAndGradient;

/**
 * What an adaptive attack on a squeezing detector optimises: the sum of the model's logits on the input and on each
 * squeezed copy, with the summed loss gradients passed straight through the squeezers (BPDA). An input that fools
 * this ensemble moves the plain and the squeezed predictions together, which is what evades the detector.
 */
final class SqueezeAwareModel extends WrappedModel {
    private final List<InputTransform> squeezers;

    SqueezeAwareModel(LoadedModel model, List<InputTransform> squeezers) {
        super(model);
        this.squeezers = List.copyOf(squeezers);
    }

    @Override
    public float[][] predict(float[][] batch) throws ModelException {
        float[][] sum = model.predict(batch);
        for (InputTransform squeezer : squeezers) {
            add(sum, model.predict(squeezer.applyAll(batch, new SplittableRandom(0))));
        }
        return sum;
    }

    @Override
    public OutputsAndGradient outputsAndGradient(float[][] batch, int[] labels) throws ModelException {
        OutputsAndGradient plain = model.outputsAndGradient(batch, labels);
        float[][] outputs = copy(plain.outputs());
        float[][] gradient = copy(plain.gradient());
        for (InputTransform squeezer : squeezers) {
            OutputsAndGradient og = model.outputsAndGradient(squeezer.applyAll(batch, new SplittableRandom(0)), labels);
            add(outputs, og.outputs());
            add(gradient, og.gradient());
        }
        return new OutputsAndGradient(outputs, gradient);
    }

    private static float[][] copy(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    private static void add(float[][] sum, float[][] rows) {
        for (int i = 0; i < sum.length; i++) {
            for (int j = 0; j < sum[i].length; j++) {
                sum[i][j] += rows[i][j];
            }
        }
    }

}
