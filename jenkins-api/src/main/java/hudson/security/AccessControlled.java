package hudson.security;

/**
 * Compile-only declaration of Jenkins core {@code hudson.security.AccessControlled} (2.479.3). Bodies throw.
 * Upstream {@code checkPermission} declares {@code throws org.springframework.security.access.AccessDeniedException}
 * (unchecked, so omitted here; it does not take part in linkage).
 */
public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

}
