package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

/** Compile-only declaration of Jenkins core {@code jenkins.model.TransientActionFactory} (2.479.3). Bodies throw. */
public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public abstract Class<T> type();

    public abstract Collection<? extends Action> createFor(T target);
}
