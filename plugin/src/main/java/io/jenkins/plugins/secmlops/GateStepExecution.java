package io.jenkins.plugins.secmlops;

import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs a gate step off the CPS thread; the work is the {@link GateStepRunner}'s. Returns the overall
 * status ({@code PASSED} or {@code UNSTABLE}); a FAILED gate fails the step after its result is recorded.
 * Not resumable: a controller restart during a gate run fails the step, and the worker is re-run.
 */
class GateStepExecution extends SynchronousNonBlockingStepExecution<String> {
    private static final long serialVersionUID = 1L;

    private final transient GateStep step;

    GateStepExecution(StepContext context, GateStep step) {
        super(context);
        this.step = step;
    }

    @Override
    protected String run() throws Exception {
        return GateStepRunner.forJenkins(step).run(getContext());
    }
}
