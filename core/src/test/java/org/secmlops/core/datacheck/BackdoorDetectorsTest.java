package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackdoorDetectorsTest {
    /** 3 classes of 200 in 20 dimensions; 12 samples of class 0 carry a shared trigger: +6 on dimensions 10..13. */
    private static float[][] triggered(float[][] x, int[] poisoned) {
        for (int i : poisoned) {
            for (int j = 10; j < 14; j++) {
                x[i][j] += 6;
            }
        }
        return x;
    }

    @Test
    void shouldFlagExactlyTheSamplesThatShareATriggerWhenBothDetectorsAgree() {
        int[] poisoned = IntStream.range(0, 12).map(i -> i * 15).toArray();
        float[][] x = triggered(Synthetic.blobs(3, 200, 20, 5, 11), poisoned);
        int[] labels = Synthetic.labels(3, 200);
        DataCheckOptions o = DataCheckOptions.defaults();

        DetectorResult spectral = SpectralSignatures.detect(x, labels, 3, o.spectralFactor(), 0, "test");
        DetectorResult clustering = ActivationClustering.detect(x, labels, 3, o.clusterMaxSize(),
                o.clusterSilhouette(), 0, "test");
        DetectorResult backdoor = Backdoors.combine(spectral, clustering);

        assertThat(IntStream.range(0, x.length).filter(i -> backdoor.flagged()[i]).toArray()).containsExactly(poisoned);
        assertThat(IntStream.range(0, x.length).filter(i -> clustering.flagged()[i]).toArray())
                .containsExactly(poisoned);
    }

    @Test
    void shouldFlagNoBackdoorInCleanClasses() {
        float[][] x = Synthetic.blobs(3, 200, 20, 5, 12);
        int[] labels = Synthetic.labels(3, 200);
        DataCheckOptions o = DataCheckOptions.defaults();

        DetectorResult backdoor = Backdoors.combine(
                SpectralSignatures.detect(x, labels, 3, o.spectralFactor(), 0, "test"),
                ActivationClustering.detect(x, labels, 3, o.clusterMaxSize(), o.clusterSilhouette(), 0, "test"));

        assertThat(backdoor.flaggedCount()).isZero();
    }

    @Test
    void shouldScoreTriggeredSamplesAboveEveryCleanSampleOfTheirClass() {
        int[] poisoned = {1, 50, 99, 120, 150, 199};
        float[][] x = triggered(Synthetic.blobs(2, 200, 20, 5, 13), poisoned);
        int[] labels = Synthetic.labels(2, 200);

        DetectorResult spectral = SpectralSignatures.detect(x, labels, 2, 25, 0, "test");

        double lowestPoisoned = IntStream.of(poisoned).mapToDouble(i -> spectral.scores()[i]).min().orElseThrow();
        double highestClean = IntStream.range(0, 200).filter(i -> IntStream.of(poisoned).noneMatch(p -> p == i))
                .mapToDouble(i -> spectral.scores()[i]).max().orElseThrow();
        assertThat(lowestPoisoned).isGreaterThan(highestClean);
    }
}
