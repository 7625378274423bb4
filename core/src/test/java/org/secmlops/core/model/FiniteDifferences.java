package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks an input gradient of the cross-entropy against central differences of the model's own outputs. */
final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /**
     * Compares the {@code count} largest components (which must not vanish) with differences of step {@code eps},
     * within {@code absolute} plus {@code relative} of the component.
     */
    static void assertMatches(LoadedModel model, float[] x, int label, float[] gradient, float eps, int count,
            double absolute, double relative) throws ModelException {
        Integer[] order = new Integer[x.length];
        for (int k = 0; k < x.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(gradient[b]), Math.abs(gradient[a])));
        assertThat(Math.abs(gradient[order[0]])).as("largest gradient component").isGreaterThan(1e-6f);
        for (int rank = 0; rank < count; rank++) {
            int k = order[rank];
            float[] plus = x.clone();
            float[] minus = x.clone();
            plus[k] += eps;
            minus[k] -= eps;
            float[][] out = model.predict(new float[][] {plus, minus});
            double numeric = (loss(out[0], label) - loss(out[1], label)) / (2 * eps);
            assertThat(numeric).as("value %d", k).isCloseTo(gradient[k], within(absolute + relative * Math.abs(gradient[k])));
        }
    }

    private static double loss(float[] logits, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) + max - logits[label];
    }
}
