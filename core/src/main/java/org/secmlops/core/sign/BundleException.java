package org.secmlops.core.sign;

/** A signature bundle or its statement is not what the specification allows; the message says what. */
final class BundleException extends Exception {
    private static final long serialVersionUID = 1L;

    private final VerificationProblem.Kind kind;

    BundleException(VerificationProblem.Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    VerificationProblem.Kind kind() {
        return kind;
    }
}
