package org.secmlops.core.capability.detection;

/**
 * The detector under one natural corruption at one severity.
 *
 * @param corruption the corruption's id, e.g. {@code fog}
 * @param severity   1 (mild) to 5 (strong)
 * @param missRate   ground-truth boxes not found at the score threshold (0..1)
 * @param ap50       AP at IoU 0.5
 */
public record DetectionCorruptionRow(String corruption, int severity, double missRate, double ap50) {
}
