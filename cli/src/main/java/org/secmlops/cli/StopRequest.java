package org.secmlops.cli;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns a request to stop the process (SIGTERM, SIGINT: what aborting a Jenkins build sends the worker) into an
 * interrupt of the command's thread, and gives that thread a few seconds to stop at its next cancellation point
 * and release native memory and temporary files before the JVM exits.
 */
final class StopRequest {
    private static final long GRACE_SECONDS = 10;

    private enum State { RUNNING, FINISHED, STOPPING }

    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);

    private StopRequest() {
    }

    /** Registers the shutdown hook for the thread that runs the command. */
    static StopRequest install(Thread command) {
        StopRequest stop = new StopRequest();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.stop(command), "secmlops-stop"));
        return stop;
    }

    /**
     * Called by the command's thread when the command has returned: whether it may exit the JVM with its code,
     * i.e. no stop was requested while it ran (the JVM is then already shutting down).
     */
    boolean finish() {
        return state.compareAndSet(State.RUNNING, State.FINISHED);
    }

    private void stop(Thread command) {
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            return;
        }
        command.interrupt();
        try {
            command.join(TimeUnit.SECONDS.toMillis(GRACE_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
