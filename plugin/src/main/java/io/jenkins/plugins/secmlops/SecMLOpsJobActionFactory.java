package io.jenkins.plugins.secmlops;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Adds the trend action to every job whose last completed build has SecMLOps results. */
@Extension
@SuppressWarnings("rawtypes")
public class SecMLOpsJobActionFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        Run<?, ?> last = target.getLastCompletedBuild();
        if (last == null || last.getAction(SecMLOpsBuildAction.class) == null) {
            return List.of();
        }
        return List.of(new SecMLOpsJobAction((Job<?, ?>) target));
    }
}
