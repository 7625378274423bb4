package hudson.model;

/** Compile-only declaration of Jenkins core {@code hudson.model.AbstractDescribableImpl} (2.479.3). Bodies throw. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
