package io.jenkins.plugins.secmlops;

import java.io.Serializable;
import java.time.Duration;
import org.secmlops.core.gate.Criticality;

/**
 * How a worker runs: its heap, its time limit and the criticality of gates that name none.
 *
 * @param heapMb             the worker JVM's maximum heap in MiB
 * @param timeout            the longest a worker may run before it is killed
 * @param defaultCriticality the criticality of a configured gate that names none
 */
public record WorkerSettings(int heapMb, Duration timeout, Criticality defaultCriticality) implements Serializable {
    public WorkerSettings {
        if (heapMb < 64) {
            throw new IllegalArgumentException("Worker heap must be at least 64 MiB: " + heapMb);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Worker timeout must be positive: " + timeout);
        }
    }
}
