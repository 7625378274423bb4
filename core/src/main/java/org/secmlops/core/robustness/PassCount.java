package org.secmlops.core.robustness;

/**
 * Engine calls made through an {@link AttackTarget}.
 *
 * @param forwardCalls    {@code predict} calls
 * @param forwardSamples  samples run forward
 * @param gradientCalls   {@code outputsAndGradient} calls
 * @param gradientSamples samples run forward and backward
 */
public record PassCount(long forwardCalls, long forwardSamples, long gradientCalls, long gradientSamples) {
    /** The calls made since {@code earlier}. */
    public PassCount minus(PassCount earlier) {
        return new PassCount(forwardCalls - earlier.forwardCalls, forwardSamples - earlier.forwardSamples,
                gradientCalls - earlier.gradientCalls, gradientSamples - earlier.gradientSamples);
    }

    /** The sum of both counts. */
    public PassCount plus(PassCount other) {
        return new PassCount(forwardCalls + other.forwardCalls, forwardSamples + other.forwardSamples,
                gradientCalls + other.gradientCalls, gradientSamples + other.gradientSamples);
    }
}
