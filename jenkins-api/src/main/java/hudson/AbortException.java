package hudson;

import java.io.IOException;

/** Compile-only declaration of Jenkins core {@code hudson.AbortException} (2.479.3). Bodies throw. */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public AbortException(String message) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
