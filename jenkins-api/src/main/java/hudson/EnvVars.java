package hudson;

import java.util.TreeMap;

/**
 * Compile-only declaration of Jenkins core {@code hudson.EnvVars} (2.479.3): the environment of a build
 * step, a {@code TreeMap<String, String>} upstream. The plugin only reads it through {@link TreeMap#get}.
 */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 4320331661987259022L;
}
