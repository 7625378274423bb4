package org.secmlops.cli;

import java.io.PrintStream;

/** Progress lines for the build log: one line each, flushed at once so Jenkins shows them live. */
final class Progress {
    static final String PREFIX = "[secmlops] ";

    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    void line(String message) {
        out.println(PREFIX + message);
        out.flush();
    }
}
