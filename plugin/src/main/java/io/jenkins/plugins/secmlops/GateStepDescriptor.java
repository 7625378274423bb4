package io.jenkins.plugins.secmlops;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** What every gate step needs from Pipeline: a build, its log, a workspace, a launcher on the agent
 * and the step's environment, which the worker runs in. */
abstract class GateStepDescriptor extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
    }
}
