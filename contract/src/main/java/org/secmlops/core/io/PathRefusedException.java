package org.secmlops.core.io;

import java.io.IOException;

/**
 * A path the run will not use: an input that is not a regular file or directory or is larger than its limit, or an
 * output path that holds something other than an earlier output of the same kind. The command line reports it as
 * an input error.
 */
public final class PathRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public PathRefusedException(String message) {
        super(message);
    }
}
