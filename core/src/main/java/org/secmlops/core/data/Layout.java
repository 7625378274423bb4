package org.secmlops.core.data;

import java.util.Locale;

/** How an image-like sample is laid out for the model. */
public enum Layout {
    /** Channels first: {@code [C, H, W]}. */
    NCHW,
    /** Channels last: {@code [H, W, C]}, as read. */
    NHWC;

    /**
     * Parses {@code NCHW} or {@code NHWC} (any case).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Layout parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown layout '" + text + "' (expected NCHW or NHWC)", e);
        }
    }
}
