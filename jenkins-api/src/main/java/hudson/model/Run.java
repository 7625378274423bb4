package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.File;

/** Compile-only declaration of Jenkins core {@code hudson.model.Run} (2.479.3). Bodies throw. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends Actionable implements ExtensionPoint, AccessControlled {

    // Upstream constructors are protected and take the parent job; not used by the plugin.
    private Run() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
