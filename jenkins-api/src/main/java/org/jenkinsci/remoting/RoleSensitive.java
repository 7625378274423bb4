package org.jenkinsci.remoting;

/** Compile-only declaration of remoting {@code org.jenkinsci.remoting.RoleSensitive} (3261.v9c670a_4748a_9). */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
