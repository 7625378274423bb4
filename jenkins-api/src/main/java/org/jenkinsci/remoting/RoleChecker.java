package org.jenkinsci.remoting;

/** Compile-only declaration of remoting {@code org.jenkinsci.remoting.RoleChecker} (3261.v9c670a_4748a_9); no members are used by the plugin. */
public abstract class RoleChecker {
}
