package org.secmlops.core.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * One line for an engine's failure to run a model, in place of the engine's multi-line trace (a TorchScript
 * interpreter stack, a TensorFlow op dump): the sample shape the model was given, the engine's own error line, and
 * what to check when it is about shapes.
 */
final class EngineFailure {
    private static final int MAX_DETAIL = 300;

    private EngineFailure() {
    }

    static ModelException of(String engine, int[] sampleShape, RuntimeException e) {
        String detail = condensed(e.getMessage());
        String lower = detail.toLowerCase(Locale.ROOT);
        boolean shape = lower.contains("shape") || lower.contains("size") || lower.contains("dimension")
                || lower.contains("rank");
        return new ModelException(engine + " cannot run the model on samples of shape "
                + (sampleShape == null ? "?" : Arrays.toString(sampleShape)) + ": " + detail
                + (shape ? " — the model expects another input shape: check --input-shape, --layout and the"
                        + " preprocessing (the data's samples are " + (sampleShape == null ? "?"
                        : Arrays.toString(sampleShape)) + " after preprocessing)" : ""), e);
    }

    /** The engine's error line: the last line naming an error, else the first line, at most 300 characters. */
    static String condensed(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        String[] lines = message.strip().split("\\R");
        String chosen = lines[0].strip();
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.matches("^[A-Za-z_.]*(Error|Exception)\\b.*")) {
                chosen = stripped;
            }
        }
        return chosen.length() <= MAX_DETAIL ? chosen : chosen.substring(0, MAX_DETAIL) + "…";
    }
}
