package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.secmlops.core.data.DatasetException;

class FeatureDriftTest {
    @Test
    void shouldComputeTheKolmogorovSmirnovStatisticAsTheLargestGapOfTheDistributionFunctions() {
        // F_a - F_b after 1, 2: 1/4 - 0, 2/4 - 0; at 3: 3/4 - 1/4; at 4: 1 - 2/4; gap 0.5
        assertThat(FeatureDrift.kolmogorovSmirnov(new float[] {1, 2, 3, 4}, new float[] {3, 4, 5, 6}))
                .isCloseTo(0.5, within(1e-12));
        assertThat(FeatureDrift.kolmogorovSmirnov(new float[] {1, 2}, new float[] {1, 2})).isZero();
        assertThat(FeatureDrift.kolmogorovSmirnov(new float[] {1, 2}, new float[] {3, 4})).isEqualTo(1.0);
    }

    @Test
    void shouldGiveTheKnownKolmogorovPValues() {
        // Q_KS(1.36) ≈ 0.049 and Q_KS(1.63) ≈ 0.0098 (the 5% and 1% critical values); n = 10^6 makes λ ≈ √n d
        assertThat(FeatureDrift.pValue(1.36 / Math.sqrt(1e6), 2_000_000, 2_000_000)).isCloseTo(0.049, within(0.002));
        assertThat(FeatureDrift.pValue(1.63 / Math.sqrt(1e6), 2_000_000, 2_000_000)).isCloseTo(0.0098, within(0.001));
        assertThat(FeatureDrift.pValue(0, 10, 10)).isEqualTo(1.0);
    }

    @Test
    void shouldFindNoDriftBetweenIdenticalSamplesAndMajorDriftAfterAShift() {
        Random random = new Random(1);
        float[] reference = new float[5000];
        float[] shifted = new float[5000];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = (float) random.nextGaussian();
            shifted[i] = reference[i] + 1;
        }
        java.util.Arrays.sort(reference);
        java.util.Arrays.sort(shifted);

        assertThat(FeatureDrift.populationStability(reference, reference.clone())).isZero();
        assertThat(FeatureDrift.populationStability(reference, shifted)).isGreaterThan(0.25);
    }

    @Test
    void shouldReportTheMostDriftedFeatureFirst() throws Exception {
        Random random = new Random(2);
        float[][] a = new float[1000][3];
        float[][] b = new float[1000][3];
        for (int i = 0; i < 1000; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = (float) random.nextGaussian();
                b[i][j] = (float) random.nextGaussian() + (j == 1 ? 2 : 0);
            }
        }
        int[] labels = new int[1000];
        DriftReport report = DriftReport.compare(PlantedData.table("ref", a, labels, new int[] {3}, false),
                PlantedData.table("now", b, labels, new int[] {3}, false));

        assertThat(report.top().get(0).feature()).isEqualTo(1);
        assertThat(report.maxPsi()).isEqualTo(report.top().get(0).psi()).isGreaterThan(1);
        assertThat(report.driftedFeatures()).isEqualTo(1);
        assertThat(report.labelPsi()).isZero();
    }

    @Test
    void shouldRejectAReferenceOfAnotherWidth() {
        DataTable a = PlantedData.table("ref", new float[][] {{1, 2}}, new int[] {0}, new int[] {2}, false);
        DataTable b = PlantedData.table("now", new float[][] {{1, 2, 3}}, new int[] {0}, new int[] {3}, false);

        assertThatThrownBy(() -> DriftReport.compare(a, b)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("2 features per sample, the data 3");
    }
}
