package org.secmlops.core.scan;

import org.secmlops.core.capability.scan.ScanFinding;

/**
 * Thrown when a scan cannot start at all: the root path is missing or unreadable, or a policy file
 * is malformed. Problems inside a model file never throw; they become {@link ScanFinding}s.
 */
public class ScanException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the path involved
     */
    public ScanException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the path involved
     * @param cause   the underlying error
     */
    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
