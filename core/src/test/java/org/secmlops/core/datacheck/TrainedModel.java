package org.secmlops.core.datacheck;

import java.util.stream.IntStream;

/**
 * A model trained on (possibly poisoned) data, as a user would bring: the one-hidden-layer network of the check,
 * trained on all samples of the standardized features; its hidden activations are the penultimate layer.
 */
final class TrainedModel {
    private TrainedModel() {
    }

    static ModelOutputs on(DataTable data, long seed) {
        float[][] x = FeatureScaling.of(data).all(data.features());
        MultilayerPerceptron net = MultilayerPerceptron.train(x, data.labels(),
                IntStream.range(0, data.size()).toArray(), data.classes(), seed);
        float[][] probabilities = new float[x.length][];
        float[][] activations = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            probabilities[i] = net.predict(x[i]);
            activations[i] = net.activations(x[i]);
        }
        return new ModelOutputs(probabilities, activations, "hidden layer of a network trained on " + data.description());
    }
}
