package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** Compile-only declaration of workflow-api {@code org.jenkinsci.plugins.workflow.actions.PersistentAction}. */
public interface PersistentAction extends Action {
}
