package jenkins.model;

import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Compile-only declaration of Jenkins core {@code jenkins.model.Jenkins} (2.479.3). Bodies throw.
 * {@code checkPermission}/{@code hasPermission} are inherited from {@link AccessControlled} default methods, as upstream.
 */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;

    // Upstream constructor is protected Jenkins(File, ServletContext); not used by the plugin.
    private Jenkins() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
