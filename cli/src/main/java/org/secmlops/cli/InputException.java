package org.secmlops.cli;

/** An input the command cannot evaluate; reported with exit code {@link ExitCode#INPUT_ERROR}. */
final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message, Throwable cause) {
        super(message, cause);
    }

    InputException(String message) {
        super(message);
    }
}
