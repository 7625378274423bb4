package org.secmlops.core.model;

/** An engine's native libraries cannot be provided: not found, not downloadable, or a wrong checksum. */
public final class NativeLibraryException extends ModelException {
    private static final long serialVersionUID = 1L;

    public NativeLibraryException(String message) {
        super(message);
    }

    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
