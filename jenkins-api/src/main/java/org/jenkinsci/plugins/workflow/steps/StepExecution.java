package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Compile-only declaration of workflow-step-api {@code StepExecution} (704.ve4f0967e98fa_). Bodies throw. */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public abstract boolean start() throws Exception;

}
