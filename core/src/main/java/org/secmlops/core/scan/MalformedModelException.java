package org.secmlops.core.scan;

/** A model file's bytes do not follow their format; the message says where and how. */
final class MalformedModelException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long offset;

    MalformedModelException(String message) {
        this(message, -1);
    }

    MalformedModelException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** @return the byte offset where the problem was seen, or -1 when unknown */
    long offset() {
        return offset;
    }
}
