package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Compile-only declaration of Jenkins core {@code hudson.model.Item} (2.479.3). */
public interface Item extends AccessControlled {

    Permission CONFIGURE = null;
}
