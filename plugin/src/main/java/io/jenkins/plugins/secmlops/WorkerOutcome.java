package io.jenkins.plugins.secmlops;

/**
 * What a worker left behind.
 *
 * @param exitCode   its exit code
 * @param timedOut   whether it was killed for running past the timeout
 * @param resultJson the content of {@code result.json}, or {@code null} if it wrote none
 * @param errorTail  the last lines it wrote to standard error, for the failure message
 */
public record WorkerOutcome(int exitCode, boolean timedOut, String resultJson, String errorTail) {
}
