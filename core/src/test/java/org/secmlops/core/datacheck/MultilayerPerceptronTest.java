package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MultilayerPerceptronTest {
    /** Two classes in the four quadrants of the plane, diagonal quadrants alike: no line separates them. */
    private static final int N = 400;

    private static float[][] quadrants(int[] labels) {
        Random random = new Random(3);
        float[][] x = new float[N][];
        for (int i = 0; i < N; i++) {
            float a = (float) (random.nextDouble() * 2 - 1);
            float b = (float) (random.nextDouble() * 2 - 1);
            x[i] = new float[] {a, b};
            labels[i] = a * b > 0 ? 1 : 0;
        }
        return x;
    }

    private static double accuracy(float[][] p, int[] labels) {
        return Detectors.accuracy(p, labels);
    }

    @Test
    void shouldSeparateClassesThatNoLinearModelCanOutOfSample() {
        int[] labels = new int[N];
        float[][] x = quadrants(labels);

        float[][] network = CrossValidation.probabilities(x, labels, 2, 5, 0, MultilayerPerceptron::train);
        float[][] linear = CrossValidation.probabilities(x, labels, 2, 5, 0, SoftmaxRegression::train);

        assertThat(accuracy(network, labels)).isGreaterThan(0.9);
        assertThat(accuracy(linear, labels)).isLessThan(0.7);
    }

    @Test
    void shouldPredictProbabilitiesThatSumToOne() {
        int[] labels = Synthetic.labels(3, 30);
        float[][] x = Synthetic.blobs(3, 30, 4, 4, 1);
        int[] all = java.util.stream.IntStream.range(0, x.length).toArray();

        float[] p = MultilayerPerceptron.train(x, labels, all, 3, 0).predict(x[0]);

        assertThat(p).hasSize(3);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(p[0]).isGreaterThan(0.5f);
    }

    @Test
    void shouldTrainTheSameNetworkForTheSameSeed() {
        int[] labels = new int[N];
        float[][] x = quadrants(labels);
        int[] all = java.util.stream.IntStream.range(0, N).toArray();

        float[] first = MultilayerPerceptron.train(x, labels, all, 2, 7).predict(x[5]);
        float[] second = MultilayerPerceptron.train(x, labels, all, 2, 7).predict(x[5]);

        assertThat(second).containsExactly(first);
    }
}
