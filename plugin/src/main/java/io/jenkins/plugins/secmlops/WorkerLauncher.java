package io.jenkins.plugins.secmlops;

import hudson.model.TaskListener;
import java.io.IOException;

/** Starts the SecMLOps worker for one gate run and hands back what it wrote. */
public interface WorkerLauncher {
    /**
     * Writes the request's inputs and gates into a temporary folder, runs {@code secmlops ARGUMENTS
     * --report-dir DIR --gates-file FILE} in the workspace, streams its output into the listener's log,
     * and waits for it within the settings' timeout.
     */
    WorkerOutcome run(WorkerRequest request, TaskListener listener) throws IOException, InterruptedException;
}
