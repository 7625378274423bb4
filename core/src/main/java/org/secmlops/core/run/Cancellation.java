package org.secmlops.core.run;

/**
 * Cooperative cancellation for work that does not declare {@link InterruptedException} (data reading, the data
 * check's learners and detectors): loops call {@link #check()} now and then; it throws {@link CancelledException}
 * when the current thread was interrupted or the process was asked to stop ({@link #requestStop()}, which also
 * reaches worker threads of parallel streams that are never interrupted).
 */
public final class Cancellation {
    private static volatile boolean stopRequested;

    private Cancellation() {
    }

    /** Asks every running loop of this process to stop at its next check (called when the process is stopped). */
    public static void requestStop() {
        stopRequested = true;
    }

    /** Whether {@link #requestStop()} was called. */
    public static boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Throws when the work should stop. Does not clear the thread's interrupt status.
     *
     * @throws CancelledException when the thread is interrupted or the process is being stopped
     */
    public static void check() {
        if (stopRequested || Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }

    /** Thrown by {@link #check()}: the run was cancelled. */
    public static final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CancelledException() {
            super("cancelled: the run was stopped before it finished");
        }
    }
}
