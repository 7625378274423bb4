package org.secmlops.core.capability.monitor;

/**
 * The detectors over one stretch of a window's records, a point of its time series.
 *
 * @param firstRecord        the stretch's first record, counted from 1 in the window
 * @param records            its records
 * @param adversarialShare   the share of them flagged as adversarial inputs
 * @param flaggedClientShare the share of them sent by a client flagged as running an attack campaign (at the time)
 */
public record TimelinePoint(long firstRecord, long records, double adversarialShare, double flaggedClientShare) {
}
