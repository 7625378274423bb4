package org.secmlops.core.capability.sign;

/**
 * The model, a key or an option cannot be used for signing or verifying: a missing model path, an
 * unreadable or malformed key file, a symbolic link in the model. Its message says what, and never
 * contains key material.
 *
 * <p>A signature that does not verify is not an exception: it is a {@link VerificationProblem} of the
 * {@link VerifyReport}.
 */
public final class SignException extends Exception {
    private static final long serialVersionUID = 1L;

    public SignException(String message) {
        super(message);
    }

    public SignException(String message, Throwable cause) {
        super(message, cause);
    }
}
