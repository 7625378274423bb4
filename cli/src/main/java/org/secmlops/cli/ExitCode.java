package org.secmlops.cli;

import org.secmlops.core.gate.GateStatus;

/** The documented exit codes of the {@code secmlops} command. */
public enum ExitCode {
    /** All gates passed (inactive gates included). */
    PASSED(0),
    /** A gate with criticality UNSTABLE failed, none with FAILURE. */
    UNSTABLE(1),
    /** A gate with criticality FAILURE failed. */
    FAILED(2),
    /** The command line is wrong: unknown option, bad gate, unknown metric. */
    USAGE_ERROR(3),
    /** The input cannot be evaluated: missing path, unreadable or malformed file. */
    INPUT_ERROR(4),
    /** An unexpected internal error; the message says what. */
    INTERNAL_ERROR(5),
    /** The run was cancelled (interrupted, or the process was asked to stop) before it finished. */
    CANCELLED(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code for a run's overall gate status. */
    public static ExitCode of(GateStatus status) {
        return switch (status) {
            case PASSED, INACTIVE -> PASSED;
            case UNSTABLE -> UNSTABLE;
            case FAILED -> FAILED;
        };
    }
}
