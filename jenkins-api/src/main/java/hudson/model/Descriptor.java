package hudson.model;

/**
 * Compile-only declaration of Jenkins core {@code hudson.model.Descriptor} (2.479.3). Bodies throw.
 * Upstream has no abstract methods ({@code getDisplayName()} is concrete).
 */
public abstract class Descriptor<T extends Describable<T>> {

    protected Descriptor() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    /**
     * Upstream: {@code public static final class FormException extends Exception implements HttpResponse};
     * the plugin only declares it in a {@code throws} clause, so {@code HttpResponse} and the constructors are
     * not declared.
     */
    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;

        private FormException() {
            throw new UnsupportedOperationException("compile-only declaration");
        }
    }
}
