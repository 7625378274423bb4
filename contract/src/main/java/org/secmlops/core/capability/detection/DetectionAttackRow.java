package org.secmlops.core.capability.detection;

/**
 * What one attack on the detector (or its random baseline) did.
 *
 * @param attack      the attack's id, e.g. {@code vanishing-pgd}, {@code patch}, {@code random-patch}
 * @param description its settings in words, e.g. {@code L∞ ε = 8/255, 10 steps}
 * @param missRate    ground-truth boxes not found at the score threshold under the attack (0..1)
 * @param recall      1 − missRate
 * @param falsePositivesPerImage detections at or above the threshold that match no ground truth, per image
 * @param images      images attacked
 * @param seconds     wall time of the attack
 */
public record DetectionAttackRow(String attack, String description, double missRate, double recall,
        double falsePositivesPerImage, long images, double seconds) {
}
