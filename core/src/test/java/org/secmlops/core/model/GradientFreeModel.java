package org.secmlops.core.model;

/**
 * Test double of a loaded model computed in Java, without an engine and without gradients: tests override
 * {@link #predict}. For the arithmetic around a model (metrics, attacks' bookkeeping, probes), not for engines.
 */
public abstract class GradientFreeModel implements LoadedModel {
    @Override
    public EngineKind engine() {
        return EngineKind.ONNX;
    }

    @Override
    public String engineName() {
        return "Java test model";
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
    public float[][] inputGradient(float[][] batch, int[] labels) throws ModelException {
        throw new UnsupportedOperationException("a GradientFreeModel has no gradients");
    }

    @Override
    public void close() {
    }
}
