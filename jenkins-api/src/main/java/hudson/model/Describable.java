package hudson.model;

/** Compile-only declaration of Jenkins core {@code hudson.model.Describable} (2.479.3; getDescriptor is abstract there). */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
