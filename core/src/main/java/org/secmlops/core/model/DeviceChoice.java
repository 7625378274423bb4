package org.secmlops.core.model;

import java.util.Locale;

/** Where the model runs. */
public enum DeviceChoice {
    /** Always the CPU. */
    CPU,
    /** The first GPU; loading fails when the engine sees none. */
    GPU,
    /** The first GPU when the engine sees one, else the CPU. */
    AUTO;

    /**
     * Parses {@code cpu}, {@code gpu} or {@code auto} (any case).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static DeviceChoice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown device '" + text + "' (expected cpu, gpu or auto)", e);
        }
    }
}
