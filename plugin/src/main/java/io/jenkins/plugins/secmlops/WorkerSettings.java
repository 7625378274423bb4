package io.jenkins.plugins.secmlops;

import java.io.Serializable;
import java.time.Duration;
import org.secmlops.core.gate.Criticality;

/**
 * How a worker runs: its heap, its time limit, the criticality of gates that name none, and the Maven
 * repository it downloads ML engines' native libraries from when the agent's local repository lacks them.
 *
 * @param heapMb             the worker JVM's maximum heap in MiB
 * @param timeout            the longest a worker may run before it is killed
 * @param defaultCriticality the criticality of a configured gate that names none
 * @param mavenRepository    base URL of a Maven repository (Maven Central or an internal mirror)
 */
public record WorkerSettings(int heapMb, Duration timeout, Criticality defaultCriticality, String mavenRepository)
        implements Serializable {
    /** Where native libraries come from unless an administrator names a mirror. */
    public static final String MAVEN_CENTRAL = "https://repo1.maven.org/maven2";

    /** Settings that download from Maven Central. */
    public WorkerSettings(int heapMb, Duration timeout, Criticality defaultCriticality) {
        this(heapMb, timeout, defaultCriticality, MAVEN_CENTRAL);
    }

    public WorkerSettings {
        if (heapMb < 64) {
            throw new IllegalArgumentException("Worker heap must be at least 64 MiB: " + heapMb);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Worker timeout must be positive: " + timeout);
        }
        if (mavenRepository == null || !mavenRepository.matches("https?://\\S+")) {
            throw new IllegalArgumentException("The Maven repository must be an http(s) URL: " + mavenRepository);
        }
    }
}
