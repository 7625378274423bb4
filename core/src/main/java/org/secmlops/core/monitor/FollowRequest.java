package org.secmlops.core.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * A live monitor, as {@link FollowRun#follow} takes it: the window's request (its traffic log is the log followed),
 * when to stop (never, after a number of requests and/or after a time) and where to start.
 *
 * @param monitor     the reference, model, state and cache as for one window; {@code monitor.traffic()} is followed
 * @param maxRequests stop after this many non-blank lines were decided, 0 for no limit
 * @param duration    stop after this long, {@code null} for no limit
 * @param fromEnd     whether to skip what the log already holds (else it is decided from its first line)
 * @param poll        how long to wait for the log to grow before looking again
 */
public record FollowRequest(MonitorRequest monitor, long maxRequests, Duration duration, boolean fromEnd,
        Duration poll) {
    /** How often an idle monitor looks at the log by default. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);

    public FollowRequest {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(poll, "poll");
        if (maxRequests < 0) {
            throw new IllegalArgumentException("--max-requests must be 0 (no limit) or positive, not " + maxRequests);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive, not " + duration);
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, not " + poll);
        }
    }

    /** Follows the request's traffic log from its start until stopped. */
    public static FollowRequest untilStopped(MonitorRequest monitor) {
        return new FollowRequest(monitor, 0, null, false, DEFAULT_POLL);
    }
}
