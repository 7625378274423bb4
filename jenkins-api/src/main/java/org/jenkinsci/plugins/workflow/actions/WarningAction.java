package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Result;

/**
 * Compile-only declaration of workflow-api {@code org.jenkinsci.plugins.workflow.actions.WarningAction}
 * (1373.v7b_813f10efa_b_): marks a flow node (and so its stage) with a result such as UNSTABLE, as the
 * {@code unstable} step of workflow-basic-steps does. Bodies throw.
 */
public class WarningAction implements PersistentAction {
    public WarningAction(Result result) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public WarningAction withMessage(String message) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
