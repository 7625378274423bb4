package org.secmlops.core.datacheck;

/**
 * Runs the user's model again on changed samples, for the tests that ask how its predictions depend on parts of the
 * input (the occlusion test of a trigger patch, {@link Occlusion}).
 */
@FunctionalInterface
public interface Reclassifier {
    /**
     * @param rows samples as the data table holds them (raw features, before the model's preprocessing)
     * @return per sample the model's class probabilities (or logits: only their largest entry is used)
     * @throws Exception when the model fails; the test is then left out and the failure reported
     */
    float[][] classify(float[][] rows) throws Exception;
}
