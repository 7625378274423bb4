package hudson.util;

import java.io.IOException;

/** Compile-only declaration of Jenkins core {@code hudson.util.FormValidation} (2.479.3). Bodies throw. */
public abstract class FormValidation extends IOException {
    // Upstream constructors are private FormValidation(Kind[, String]).
    private FormValidation() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
