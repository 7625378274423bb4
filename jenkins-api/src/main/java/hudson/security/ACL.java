package hudson.security;

/** Compile-only declaration of Jenkins core {@code hudson.security.ACL} (2.479.3); no members are used by the plugin. */
public abstract class ACL {
}
