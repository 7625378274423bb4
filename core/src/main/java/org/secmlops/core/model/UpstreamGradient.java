package org.secmlops.core.model;

/**
 * Computes, from a batch's outputs, the upstream vector {@code u} of a vector–Jacobian product: the gradient of the
 * caller's loss with respect to the outputs, so that the input gradient returned is that of {@code sum(output ⊙ u)}.
 */
@FunctionalInterface
public interface UpstreamGradient {
    /**
     * @param outputs the model's flat output per sample
     * @return one row per sample, each the length of that sample's output
     * @throws ModelException when the outputs cannot be used (e.g. do not fit the caller's layout)
     */
    float[][] of(float[][] outputs) throws ModelException;
}
