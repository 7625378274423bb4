package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/**
 * Compile-only declaration of workflow-step-api {@code StepDescriptor} (704.ve4f0967e98fa_). Bodies throw.
 * Abstract members upstream: {@code getRequiredContext()} and {@code getFunctionName()};
 * {@code getDisplayName()} is inherited (concrete) from {@link Descriptor}.
 */
public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
