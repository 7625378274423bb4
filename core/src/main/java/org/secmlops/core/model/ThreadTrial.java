package org.secmlops.core.model;

/**
 * One timed configuration of a thread calibration.
 *
 * @param threads         the engine's intra-op threads
 * @param millisPerBatch  the fastest of the timed forward passes, in milliseconds
 * @param samplesPerSecond the throughput that gives
 */
public record ThreadTrial(int threads, double millisPerBatch, double samplesPerSecond) {
}
