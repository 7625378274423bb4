package org.secmlops.core.result;

import java.io.IOException;

/** A result or gate file that is missing, truncated, malformed or of an unsupported version. */
public final class ResultFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ResultFormatException(String message) {
        super(message);
    }

    public ResultFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
