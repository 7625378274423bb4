package hudson.slaves;

import hudson.FilePath;

/** Compile-only declaration of Jenkins core {@code hudson.slaves.WorkspaceList} (2.479.3). Bodies throw. */
public final class WorkspaceList {
    // Upstream constructor is public WorkspaceList(); not used by the plugin.
    private WorkspaceList() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static FilePath tempDir(FilePath ws) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
