package io.jenkins.plugins.secmlops;

import hudson.ExtensionList;
import hudson.model.Item;
import jenkins.model.Jenkins;

/** The one place that reaches into the running Jenkins: permission checks and the global configuration. */
public class JenkinsFacade {
    /** Throws unless the current user may administer Jenkins. */
    public void checkAdminPermission() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    }

    /**
     * Throws unless the current user may configure the item; for forms outside any item (the global
     * configuration) unless the user may administer Jenkins.
     */
    public void checkConfigurePermission(Item item) {
        if (item == null) {
            checkAdminPermission();
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    /** The global configuration of the plugin. */
    public SecMLOpsConfiguration configuration() {
        return ExtensionList.lookupSingleton(SecMLOpsConfiguration.class);
    }
}
