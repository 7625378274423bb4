package jenkins;

import hudson.FilePath.FileCallable;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Compile-only declaration of Jenkins core {@code jenkins.MasterToSlaveFileCallable} (2.479.3). Bodies throw.
 * Subclasses implement only {@code invoke(File, VirtualChannel)}.
 */
public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {
    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    private static final long serialVersionUID = 1L;
}
