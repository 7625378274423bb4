package org.jenkinsci.plugins.workflow.steps;

/** Compile-only declaration of workflow-step-api {@code SynchronousNonBlockingStepExecution} (704.ve4f0967e98fa_). Bodies throw. */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
        throw new UnsupportedOperationException("compile-only declaration");
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("compile-only declaration");
    }

}
