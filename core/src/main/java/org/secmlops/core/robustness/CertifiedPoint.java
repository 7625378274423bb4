package org.secmlops.core.robustness;

/**
 * Certified accuracy at one L2 radius.
 *
 * @param radius            the radius
 * @param certifiedAccuracy share of all evaluated samples whose smoothed prediction is correct and certified at a
 *                          radius of at least this
 */
public record CertifiedPoint(double radius, double certifiedAccuracy) {
}
