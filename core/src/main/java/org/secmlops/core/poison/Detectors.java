package org.secmlops.core.poison;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Runs every per-sample detector on a data set. */
final class Detectors {
    /** Without a model, the cross-validated learner sees at least this many principal components. */
    static final int LEARNER_DIMS = 64;

    private Detectors() {
    }

    static Analysis run(DataTable data, ModelOutputs model, DataCheckOptions options, Consumer<String> progress) {
        int classes = data.classes();
        int[] labels = data.labels();
        long start = System.nanoTime();
        float[][] scaled = FeatureScaling.scale(data);
        String features = data.eightBit() ? "the pixels (0..1)" : "the standardized features";
        float[][] embedding;
        float[][] learnerInput = scaled;
        String learnerSpace = features;
        String space;
        if (model != null) {
            embedding = model.embedding();
            space = model.description();
        } else if (data.width() > options.embeddingDims()) {
            int learnerDims = Math.max(options.embeddingDims(), LEARNER_DIMS);
            if (data.width() > learnerDims) {
                learnerInput = Pca.fit(scaled, learnerDims, options.seed()).project(scaled);
                learnerSpace = "the top " + learnerDims + " principal components of " + features;
                embedding = leadingColumns(learnerInput, options.embeddingDims());
            } else {
                embedding = Pca.fit(scaled, options.embeddingDims(), options.seed()).project(scaled);
            }
            space = "the top " + embedding[0].length + " principal components of " + features;
        } else {
            embedding = scaled;
            space = features;
        }
        progress.accept(String.format(Locale.ROOT, "embedding: %s (%.1f s)", space, seconds(start)));

        long t = System.nanoTime();
        float[][] probabilities;
        float[][] linear = null;
        String source;
        if (model != null) {
            probabilities = model.probabilities();
            source = "the probabilities of " + model.description();
        } else {
            probabilities = CrossValidation.probabilities(standardized(learnerInput), labels, classes,
                    options.folds(), options.seed(), MultilayerPerceptron::train);
            source = String.format(Locale.ROOT, "%d-fold cross-validated neural network (%d hidden units) on %s",
                    options.folds(), MultilayerPerceptron.HIDDEN, learnerSpace);
            linear = CrossValidation.probabilities(standardized(embedding), labels, classes, options.folds(),
                    options.seed(), SoftmaxRegression::train);
        }
        double accuracy = accuracy(probabilities, labels);
        progress.accept(String.format(Locale.ROOT, "probabilities: %s, accuracy %.4f (%.1f s)", source, accuracy,
                seconds(t)));

        List<DetectorResult> results = new ArrayList<>();
        int k = Math.min(options.k(), data.size() - 1);
        t = System.nanoTime();
        Neighbours neighbours = NearestNeighbours.find(embedding, k);
        progress.accept(String.format(Locale.ROOT, "%d nearest neighbours of %d samples (%.1f s)", k,
                data.size(), seconds(t)));
        if (model == null) {
            probabilities = ensemble(probabilities, neighbours, labels, classes);
            source += " averaged with the neighbours' label shares";
        }
        DetectorResult confident = ConfidentLearning.detect(probabilities, labels, classes, source);
        DetectorResult knn = KnnLabels.detect(neighbours, labels, classes, options.knnThreshold(), space);
        results.add(confident);
        results.add(knn);
        t = System.nanoTime();
        DetectorResult spectral = SpectralSignatures.detect(embedding, labels, classes, options.spectralFactor(),
                options.seed(), space);
        DetectorResult clustering = ActivationClustering.detect(embedding, labels, classes, options.clusterMaxSize(),
                options.clusterSilhouette(), options.seed(), space);
        DetectorResult targeted;
        if (linear == null) {
            targeted = TargetedRelabelling.detect(labels, classes, List.of(confident, knn), probabilities,
                    ConfidentLearning.ID + " and " + KnnLabels.ID);
        } else {
            // the network learns a trigger from the poisoned samples of the other folds; a linear model hardly does
            String linearSource = options.folds() + "-fold cross-validated softmax regression on " + space
                    + " averaged with the neighbours' label shares";
            float[][] appearance = ensemble(linear, neighbours, labels, classes);
            targeted = TargetedRelabelling.detect(labels, classes, List.of(ConfidentLearning.detect(appearance,
                    labels, classes, linearSource), knn), appearance, "confident learning on the " + linearSource
                    + ", and " + KnnLabels.ID);
        }
        results.add(Backdoors.combine(spectral, clustering, targeted));
        results.add(spectral);
        results.add(clustering);
        results.add(targeted);
        progress.accept(String.format(Locale.ROOT, "backdoor detectors (%.1f s)", seconds(t)));
        t = System.nanoTime();
        Duplicates.Groups groups = Duplicates.groups(SampleDigests.features(data), labels, scaled, neighbours,
                options.nearFactor());
        results.add(Duplicates.detect(groups, labels, classes, options.nearFactor()));
        results.add(Outliers.detect(neighbours, options.outlierZ(), space));
        progress.accept(String.format(Locale.ROOT, "duplicates and outliers (%.1f s)", seconds(t)));
        return new Analysis(results, space, source, accuracy, groups);
    }

    /**
     * The mean of the model's probabilities and the neighbours' label shares (smoothed by one pseudo-count spread
     * over the classes): both are out-of-sample, and their errors differ.
     */
    static float[][] ensemble(float[][] p, Neighbours neighbours, int[] labels, int classes) {
        float[][] out = new float[p.length][classes];
        int k = neighbours.k();
        for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < classes; c++) {
                out[i][c] = 0.5f * p[i][c] + 0.5f / (k + 1) / classes;
            }
            for (int r = 0; r < k; r++) {
                out[i][labels[neighbours.index()[i][r]]] += 0.5f / (k + 1);
            }
        }
        return out;
    }

    static float[][] leadingColumns(float[][] x, int columns) {
        if (x[0].length <= columns) {
            return x;
        }
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = java.util.Arrays.copyOf(x[i], columns);
        }
        return out;
    }

    /** Each column scaled to zero mean and unit variance (constant columns to 0). */
    static float[][] standardized(float[][] x) {
        int d = x[0].length;
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= x.length;
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double v = row[j] - mean[j];
                sq[j] += v * v;
            }
        }
        float[][] out = new float[x.length][d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(sq[j] / x.length);
            double inv = std > 1e-12 ? 1 / std : 0;
            for (int i = 0; i < x.length; i++) {
                out[i][j] = (float) ((x[i][j] - mean[j]) * inv);
            }
        }
        return out;
    }

    static double accuracy(float[][] p, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (ConfidentLearning.argmax(p[i]) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
