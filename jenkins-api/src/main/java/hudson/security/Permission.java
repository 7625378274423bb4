package hudson.security;

/** Compile-only declaration of Jenkins core {@code hudson.security.Permission} (2.479.3). Bodies throw. */
public final class Permission {
    // Upstream constructors take a PermissionGroup; not used by the plugin.
    private Permission() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
