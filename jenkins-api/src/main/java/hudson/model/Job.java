package hudson.model;

import hudson.ExtensionPoint;

/** Compile-only declaration of Jenkins core {@code hudson.model.Job} (2.479.3). Bodies throw. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends AbstractItem implements ExtensionPoint {

    // Upstream constructor is protected Job(ItemGroup, String); not used by the plugin.
    private Job() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public RunT getLastCompletedBuild() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
