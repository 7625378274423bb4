package org.secmlops.core.capability.evaluate;

/**
 * One confidence bin of the calibration: samples whose top probability lies in {@code (lower, upper]}.
 *
 * @param lower      the bin's lower edge
 * @param upper      the bin's upper edge
 * @param count      samples in the bin
 * @param confidence their mean top probability, {@code NaN} when empty
 * @param accuracy   the share of them predicted correctly, {@code NaN} when empty
 */
public record CalibrationBin(double lower, double upper, long count, double confidence, double accuracy) {
}
