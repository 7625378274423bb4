package org.secmlops.core.model;

/** A model cannot be loaded or run: missing or malformed file, unknown signature, engine failure. */
public class ModelException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
