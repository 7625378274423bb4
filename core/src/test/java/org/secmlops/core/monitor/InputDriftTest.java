package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.monitor.DriftedFeature;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;

/** Streamed per-feature drift against hand-computed PSI and KS on small discrete data. */
class InputDriftTest {
    /** 1,000 reference samples: feature 0 cycles 0..9 (deciles at 1..9), feature 1 is always 5. */
    private static ReferenceStatistics reference() throws Exception {
        float[][] rows = new float[1_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[] {i % 10, 5};
        }
        SampleSource source = new SampleSource() {
            private boolean read;

            @Override
            public String description() {
                return "cycle";
            }

            @Override
            public int[] sampleShape() {
                return new int[] {2};
            }

            @Override
            public boolean eightBit() {
                return false;
            }

            @Override
            public Batch next(int max) {
                if (read) {
                    return null;
                }
                read = true;
                return new Batch(java.util.stream.IntStream.range(0, rows.length).mapToObj(i -> "#" + i).toList(),
                        rows, new int[rows.length]);
            }

            @Override
            public void close() {
            }
        };
        return ReferenceBuilder.build(source, Preprocessing.NONE, null, "test", 64);
    }

    @Test
    void shouldMatchHandComputedPsiAndKs() throws Exception {
        InputDrift drift = new InputDrift(reference());
        // window: feature 0 is 0 half the time and 9 the other half; feature 1 unchanged
        for (int i = 0; i < 1_000; i++) {
            drift.add(new float[] {i % 2 == 0 ? 0 : 9, 5});
        }
        List<DriftedFeature> features = drift.features();

        // reference deciles cut at 1..9: bins (..1] 0.2, (1,2] .. (8,9] 0.1 each, (9..) empty;
        // window: 0.5 in (..1] and 0.5 in (8,9], the seven bins between empty (floored at 0.0001)
        double psi = (0.5 - 0.2) * Math.log(0.5 / 0.2) + (0.5 - 0.1) * Math.log(0.5 / 0.1)
                + 7 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1);
        assertThat(features.get(0).feature()).isZero();
        assertThat(features.get(0).psi()).isCloseTo(psi, within(1e-9));
        // reference CDF (e + 1) / 10 at e = 0..9, window 0.5 up to 8: the gap is largest at 0 and at 8
        assertThat(features.get(0).ks()).isCloseTo(0.4, within(1e-9));
        assertThat(features.get(1).psi()).isZero();
        assertThat(features.get(1).ks()).isZero();
        assertThat(InputDrift.drifted(features)).isEqualTo(1);
    }
}
