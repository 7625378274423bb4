package org.secmlops.core.model;

/**
 * The pass a run will spend its time in, which the loader's thread calibration times ({@link EngineThreads}): an
 * evaluation makes forward passes; a white-box attack makes forward+backward passes, whose best thread count can
 * differ (on a 2-vCPU agent the digits TorchScript CNN's forward pass was as fast with two threads as with one, its
 * forward+backward pass faster with one).
 */
public enum CalibrationPass {
    /** Forward passes ({@link LoadedModel#predict}). */
    FORWARD("forward"),
    /** Forward+backward passes to the input ({@link LoadedModel#outputsAndGradient}); forward without gradients. */
    GRADIENT("forward+backward");

    private final String label;

    CalibrationPass(String label) {
        this.label = label;
    }

    /** How the pass is named in the log and in {@code result.json}. */
    public String label() {
        return label;
    }
}
