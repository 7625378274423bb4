package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.model.GradientFreeModel;

class SmoothingTest {
    /** A model that always predicts class 0, so the smoothed classifier does too, with p = 1. */
    private static final class Constant extends GradientFreeModel {
        @Override
        public float[][] predict(float[][] batch) {
            float[][] out = new float[batch.length][];
            for (int i = 0; i < batch.length; i++) {
                out[i] = new float[] {3f, 1f, 0f};
            }
            return out;
        }
    }

    @Test
    void shouldCertifyAConstantClassifierAtTheClosedFormRadius() throws Exception {
        SmoothingConfig smoothing = new SmoothingConfig(0.5, 8, 100, 0.01, List.of(0.0, 0.5, 1.0, 2.0));
        RobustnessConfig config = new RobustnessConfig(List.of(), List.of(), List.of(), List.of(), smoothing, 1, 10, 4,
                0);
        float[][] x = new float[6][3];
        int[] y = {0, 0, 0, 1, 2, 0};

        RobustnessReport report = new RobustnessEvaluator(config, Preprocessing.NONE, InputBounds.uniform(3, 0, 1),
                SampleGeometry.flat(3), line -> { }).evaluate(new Constant(), new ArraySource(x, y));

        // p_lower = alpha^(1/n); radius = sigma * PhiInverse(p_lower)
        double radius = 0.5 * Statistics.normalQuantile(Math.pow(0.01, 1.0 / 100));
        assertThat(report.smoothing().meanRadius()).isCloseTo(radius, within(1e-9));
        for (CertifiedPoint point : report.smoothing().points()) {
            assertThat(point.certifiedAccuracy()).as("radius %s", point.radius())
                    .isEqualTo(point.radius() <= radius ? 4 / 6.0 : 0.0);
        }
        assertThat(radius).as("the radii must straddle the certificate").isBetween(0.5, 2.0);
        assertThat(report.certifiedAccuracy()).isZero();
        assertThat(report.smoothing().abstainRate()).isZero();
        assertThat(report.smoothing().forwardPasses()).isEqualTo(6 * (8 + 100));
        assertThat(report.robustAccuracy()).isNull();
    }

    @Test
    void shouldAbstainWhenTheClassesAreEvenlySplit() throws Exception {
        GradientFreeModel coin = new GradientFreeModel() {
            private int calls;

            @Override
            public float[][] predict(float[][] batch) {
                float[][] out = new float[batch.length][];
                for (int i = 0; i < batch.length; i++) {
                    out[i] = (calls++ % 2 == 0) ? new float[] {1f, 0f} : new float[] {0f, 1f};
                }
                return out;
            }
        };
        SmoothingConfig smoothing = new SmoothingConfig(0.25, 10, 100, 0.001, List.of(0.0));
        RobustnessConfig config = new RobustnessConfig(List.of(), List.of(), List.of(), List.of(), smoothing, 1, 10, 4,
                0);

        RobustnessReport report = new RobustnessEvaluator(config, Preprocessing.NONE, InputBounds.uniform(2, 0, 1),
                SampleGeometry.flat(2), line -> { }).evaluate(coin, new ArraySource(new float[4][2],
                new int[] {0, 1, 0, 1}));

        assertThat(report.smoothing().abstainRate()).isEqualTo(1.0);
        assertThat(report.certifiedAccuracy()).isZero();
    }
}
