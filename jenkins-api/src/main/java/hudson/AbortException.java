package hudson;

import java.io.IOException;

/**
 * Compile-only declaration of Jenkins core {@code hudson.AbortException} (2.479.3). Like upstream, a plain
 * exception that carries its message (a value type, so its constructors work as upstream's do).
 */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException(String message) {
        super(message);
    }
}
