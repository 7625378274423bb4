package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/** Compile-only declaration of Jenkins core {@code jenkins.model.RunAction2} (2.479.3). */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
