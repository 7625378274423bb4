package hudson.util;

import java.util.ArrayList;

/** Compile-only declaration of Jenkins core {@code hudson.util.ListBoxModel} (2.479.3). Bodies throw. */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public static final class Option {
        // Upstream constructors are public Option(String[, String[, boolean]]); not used by the plugin.
        private Option() {
            throw new UnsupportedOperationException("compile-only declaration");
        }
    }

    public ListBoxModel() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public ListBoxModel add(String nameAndValue) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
