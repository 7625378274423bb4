package org.secmlops.core.model;

import java.util.Objects;

/**
 * Where and how a model actually ran: the engine and its version, the device it was placed on (after
 * {@code auto} was resolved) and its threads. Written into {@code result.json}'s details as {@code runtime}.
 *
 * @param engine  the engine and its version, e.g. {@code PyTorch 2.7.1}
 * @param device  the device the model ran on, e.g. {@code cpu()} or {@code gpu(0)}
 * @param threads the thread configuration and how it was chosen
 */
public record ModelRuntime(String engine, String device, EngineThreads threads) {
    /** The key of this record in a result's details. */
    public static final String DETAILS_KEY = "runtime";

    public ModelRuntime {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(threads, "threads");
    }

    /** The runtime of a loaded model. */
    public static ModelRuntime of(LoadedModel model) {
        return new ModelRuntime(model.engineName(), model.device(), model.threads());
    }
}
