package hudson.model;

import java.io.IOException;

/** Compile-only declaration of Jenkins core {@code hudson.model.Saveable} (2.479.3). */
public interface Saveable {
    void save() throws IOException;
}
