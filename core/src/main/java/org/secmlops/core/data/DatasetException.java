package org.secmlops.core.data;

/** The data cannot be read or is unusable: missing or empty file, bad value, wrong shape, a single class. */
public final class DatasetException extends Exception {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
