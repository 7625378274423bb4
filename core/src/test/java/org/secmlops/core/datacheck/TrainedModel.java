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
        return trainedOn(data, seed).outputs(data);
    }

    /** The network trained on {@code data}, with the scaling of its features. */
    record Network(MultilayerPerceptron net, FeatureScaling scaling, String trainedOn) {
        /** Its outputs on {@code data}, with a reclassifier that runs it again on changed rows. */
        ModelOutputs outputs(DataTable data) {
            float[][] x = scaling.all(data.features());
            float[][] probabilities = new float[x.length][];
            float[][] activations = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                probabilities[i] = net.predict(x[i]);
                activations[i] = net.activations(x[i]);
            }
            return new ModelOutputs(probabilities, activations, "hidden layer of a network trained on " + trainedOn, rows -> {
                float[][] out = new float[rows.length][];
                float[] scaled = new float[rows[0].length];
                for (int r = 0; r < rows.length; r++) {
                    scaling.apply(rows[r], scaled);
                    out[r] = net.predict(scaled);
                }
                return out;
            });
        }
    }

    static Network trainedOn(DataTable data, long seed) {
        FeatureScaling scaling = FeatureScaling.of(data);
        float[][] x = scaling.all(data.features());
        MultilayerPerceptron net = MultilayerPerceptron.train(x, data.labels(),
                IntStream.range(0, data.size()).toArray(), data.classes(), seed);
        return new Network(net, scaling, data.description());
    }
}
