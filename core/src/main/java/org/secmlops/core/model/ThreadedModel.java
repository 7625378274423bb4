package org.secmlops.core.model;

/** A model of this package whose thread configuration the loader records (and, for PyTorch, applies). */
interface ThreadedModel extends LoadedModel {
    /** Records the chosen configuration and applies it where the engine allows that after loading. */
    void threads(EngineThreads value);
}
