package io.jenkins.plugins.secmlops;

import hudson.model.TaskListener;
import java.io.IOException;
import java.util.List;

/** Starts the SecMLOps worker for one gate run and hands back what it wrote. */
public interface WorkerLauncher {
    /**
     * Runs {@code secmlops ARGUMENTS --report-dir DIR --gates-file FILE} in the workspace, streams its
     * output into the listener's log, and waits for it within the settings' timeout.
     *
     * @param arguments the command and its arguments, e.g. {@code scan model/}
     * @param gatesJson the gates and reference metrics for {@code --gates-file}
     */
    WorkerOutcome run(List<String> arguments, String gatesJson, TaskListener listener)
            throws IOException, InterruptedException;
}
