package org.secmlops.core.robustness;

import org.secmlops.core.model.EngineKind;
import org.secmlops.core.model.LoadedModel;

/** A model without gradients whose {@link #predict} the test overrides. */
abstract class JavaMlpStub implements LoadedModel {
    @Override
    public EngineKind engine() {
        return EngineKind.ONNX;
    }

    @Override
    public String engineName() {
        return "stub";
    }

    @Override
    public String device() {
        return "cpu()";
    }

    @Override
    public String inputName() {
        return "x";
    }

    @Override
    public String outputName() {
        return "y";
    }

    @Override
    public int[] sampleShape() {
        return null;
    }

    @Override
    public boolean supportsGradients() {
        return false;
    }

    @Override
    public float[][] inputGradient(float[][] batch, int[] labels) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
