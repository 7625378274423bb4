package org.secmlops.core.robustness;

import java.util.List;

/**
 * A clean sample and the adversarial example that broke it, for the report. Values are scaled to 0..1 over the
 * valid range and rounded to 3 decimals, in the geometry's order.
 *
 * @param sampleId   the sample's id in the data
 * @param attack     the attack that broke it
 * @param epsilon    its budget
 * @param label      the true class
 * @param adversarialPrediction the class predicted for the adversarial example
 * @param geometry   how to lay out the values
 * @param clean      the clean sample
 * @param adversarial the adversarial example
 */
public record ExamplePair(String sampleId, String attack, double epsilon, int label, int adversarialPrediction,
        SampleGeometry geometry, List<Double> clean, List<Double> adversarial) {
    public ExamplePair {
        clean = List.copyOf(clean);
        adversarial = List.copyOf(adversarial);
    }
}
