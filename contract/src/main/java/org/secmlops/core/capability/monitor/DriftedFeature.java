package org.secmlops.core.capability.monitor;

/**
 * The drift of one input value over the window against the reference.
 *
 * @param feature the 0-based index in the flat input
 * @param psi     population stability index over the reference's deciles
 * @param ks      Kolmogorov–Smirnov statistic at the reference's percentiles (0..1)
 * @param pValue  its asymptotic p-value
 */
public record DriftedFeature(int feature, double psi, double ks, double pValue) {
}
