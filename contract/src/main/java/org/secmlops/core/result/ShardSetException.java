package org.secmlops.core.result;

/** Shard results that cannot be merged: one is missing, given twice, or belongs to another evaluation. */
public final class ShardSetException extends Exception {
    private static final long serialVersionUID = 1L;

    public ShardSetException(String message) {
        super(message);
    }
}
