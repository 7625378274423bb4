package org.secmlops.core.monitor;

import java.util.List;
import java.util.Map;

/**
 * What a live monitor ({@link FollowRun}) tells as it goes, all on its own thread: each alert as soon as the
 * request is decided, each decided request, and now and then the metrics of the window so far.
 */
public interface FollowListener {
    /** A flagged client or a bad line, as soon as it is decided. */
    default void alert(MonitorAlert alert) {
    }

    /** One non-blank line was decided: a valid record or a bad line. */
    default void request(boolean valid) {
    }

    /**
     * The metrics of the window so far (as one window's run measures them), taken while the log is idle at most
     * once a second, and at least every {@value FollowRun#METRICS_INTERVAL_SECONDS} seconds while it grows.
     *
     * @param records the valid records the metrics cover
     */
    default void window(long records, Map<String, Double> metrics) {
    }

    /** Tells each of the listeners, in order. */
    static FollowListener all(List<? extends FollowListener> listeners) {
        List<FollowListener> each = List.copyOf(listeners);
        return new FollowListener() {
            @Override
            public void alert(MonitorAlert alert) {
                each.forEach(l -> l.alert(alert));
            }

            @Override
            public void request(boolean valid) {
                each.forEach(l -> l.request(valid));
            }

            @Override
            public void window(long records, Map<String, Double> metrics) {
                each.forEach(l -> l.window(records, metrics));
            }
        };
    }
}
