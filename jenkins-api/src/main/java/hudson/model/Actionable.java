package hudson.model;

import java.util.List;

/** Compile-only declaration of Jenkins core {@code hudson.model.Actionable} (2.479.3). Bodies throw. */
public abstract class Actionable {

    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
