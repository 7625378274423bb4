package hudson;

/** Compile-only declaration of Jenkins core {@code hudson.ExtensionPoint} (2.479.3). */
public interface ExtensionPoint {
}
