package org.secmlops.cli;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.run.Cancellation;

/**
 * Turns a request to stop the process (SIGTERM, SIGINT: what aborting a Jenkins build sends the worker) into a
 * cancelled run with exit code {@link ExitCode#CANCELLED} (6). The shutdown hook asks every loop to stop
 * ({@link Cancellation#requestStop()}), interrupts the command's thread, gives it a few seconds to stop at its next
 * cancellation point and release native memory, deletes the temporary files of outputs being written and the run's
 * temporary folder, and then halts the JVM with exit code 6: a shutdown hook cannot change the exit status through
 * {@code System.exit}, but {@link Runtime#halt} can (the status would otherwise be 128 + the signal, 143 or 130).
 */
final class StopRequest {
    static final long GRACE_SECONDS = 5;

    private enum State { RUNNING, FINISHED, STOPPING }

    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);

    private StopRequest() {
    }

    /** Registers the shutdown hook for the thread that runs the command. */
    static StopRequest install(Thread command, RunTemporaryFolder temporary) {
        StopRequest stop = new StopRequest();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stop.stop(command)) {
                SafeOutput.deletePending();
                temporary.delete();
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(ExitCode.CANCELLED.code());
            }
        }, "secmlops-stop"));
        return stop;
    }

    /**
     * Called by the command's thread when the command has returned: whether it may exit the JVM with its code,
     * i.e. no stop was requested while it ran (the JVM is then already shutting down).
     */
    boolean finish() {
        return state.compareAndSet(State.RUNNING, State.FINISHED);
    }

    /** Stops the running command; whether one was running (then the process exits as cancelled). */
    boolean stop(Thread command) {
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            return false;
        }
        Cancellation.requestStop();
        command.interrupt();
        try {
            command.join(TimeUnit.SECONDS.toMillis(GRACE_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
