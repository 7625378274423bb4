package org.secmlops.core.robustness.defense;

import java.util.Objects;
import org.secmlops.core.model.EngineKind;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;

/**
 * A view of a loaded model that changes how it predicts or is differentiated but not what it is: engine, device,
 * names, shape and gradient support are the wrapped model's, and closing the view leaves the wrapped model open (its
 * owner closes it).
 */
abstract class WrappedModel implements LoadedModel {
    /** The model seen through this view. */
    protected final LoadedModel model;

    WrappedModel(LoadedModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public float[][] inputGradient(float[][] batch, int[] labels) throws ModelException {
        return outputsAndGradient(batch, labels).gradient();
    }

    @Override
    public boolean supportsGradients() {
        return model.supportsGradients();
    }

    @Override
    public EngineKind engine() {
        return model.engine();
    }

    @Override
    public String engineName() {
        return model.engineName();
    }

    @Override
    public String device() {
        return model.device();
    }

    @Override
    public String inputName() {
        return model.inputName();
    }

    @Override
    public String outputName() {
        return model.outputName();
    }

    @Override
    public int[] sampleShape() {
        return model.sampleShape();
    }

    @Override
    public void close() {
        // the wrapped model belongs to the caller
    }
}
