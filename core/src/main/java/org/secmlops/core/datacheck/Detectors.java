package org.secmlops.core.datacheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.secmlops.core.model.Outputs;

/**
 * Runs every per-sample detector on a data set. The raw features are read row by row (scaled on the fly), so the
 * heap holds the embedding (at most {@code embeddingDims} values per sample) rather than a scaled copy. Above
 * {@link #EXACT_LIMIT} samples the nearest neighbours are approximate ({@link ApproximateNeighbours}).
 */
final class Detectors {
    /** Without a model, the cross-validated learner sees at least this many principal components. */
    static final int LEARNER_DIMS = 64;
    /** The most samples whose nearest neighbours are found exactly. */
    static final int EXACT_LIMIT = 100_000;

    private Detectors() {
    }

    static Analysis run(DataTable data, ModelOutputs model, DataCheckOptions options, Consumer<String> progress) {
        return run(data, model, options, progress, EXACT_LIMIT);
    }

    /** As {@link #run(DataTable, ModelOutputs, DataCheckOptions, Consumer)}, exact kNN up to {@code exactLimit}. */
    static Analysis run(DataTable data, ModelOutputs model, DataCheckOptions options, Consumer<String> progress,
            int exactLimit) {
        return run(data, model, options, progress, exactLimit, null, null);
    }

    /**
     * @param digests  the samples' manifest digests, or {@code null}: then no learner cache is made or used
     * @param previous the learner cache of an earlier check, or {@code null}
     */
    static Analysis run(DataTable data, ModelOutputs model, DataCheckOptions options, Consumer<String> progress,
            int exactLimit, String[] digests, LearnerCache previous) {
        int classes = data.classes();
        int[] labels = data.labels();
        long start = System.nanoTime();
        FeatureScaling scaling = FeatureScaling.of(data);
        String features = data.eightBit() ? "the pixels (0..1)" : "the standardized features";
        float[][] embedding;
        float[][] learnerInput = null;
        String learnerSpace = features;
        String space;
        if (model != null) {
            embedding = model.embedding();
            space = model.description();
            if (embedding[0].length > options.embeddingDims()) {
                embedding = Pca.fit(embedding, options.embeddingDims(), options.seed()).project(embedding);
                space += ", reduced to its top " + embedding[0].length + " principal components";
            }
        } else if (data.width() > options.embeddingDims()) {
            int learnerDims = Math.max(options.embeddingDims(), LEARNER_DIMS);
            if (data.width() > learnerDims) {
                learnerInput = Pca.fit(data.features(), scaling, learnerDims, options.seed())
                        .project(data.features(), scaling);
                learnerSpace = "the top " + learnerDims + " principal components of " + features;
                embedding = leadingColumns(learnerInput, options.embeddingDims());
            } else {
                learnerInput = scaling.all(data.features());
                embedding = Pca.fit(data.features(), scaling, options.embeddingDims(), options.seed())
                        .project(data.features(), scaling);
            }
            space = "the top " + embedding[0].length + " principal components of " + features;
        } else {
            embedding = scaling.all(data.features());
            learnerInput = embedding;
            space = features;
        }
        progress.accept(String.format(Locale.ROOT, "embedding: %s (%.1f s)", space, seconds(start)));

        long t = System.nanoTime();
        float[][] probabilities;
        float[][] linear = null;
        LearnerCache learnerCache = null;
        int computed = data.size();
        String source;
        if (model != null) {
            probabilities = model.probabilities();
            source = "the probabilities of " + model.description();
        } else {
            boolean network = networkFits(data.size(), learnerInput[0].length, classes, options.folds());
            String fingerprint = String.format(Locale.ROOT, "v1;%s;folds=%d;seed=%d;classes=%d;inputs=%d;embedding=%d",
                    network ? "network" : "softmax", options.folds(), options.seed(), classes,
                    learnerInput[0].length, embedding[0].length);
            float[][][] known = known(previous, fingerprint, digests, data.size());
            if (previous != null && !previous.fingerprint().equals(fingerprint)) {
                progress.accept("learner cache not used: it was made with other settings (" + previous.fingerprint()
                        + ", now " + fingerprint + ")");
            }
            CrossValidation.Reused linearRun = CrossValidation.probabilities(standardized(embedding), labels, classes,
                    options.folds(), options.seed(), SoftmaxRegression::train, network ? known[1] : known[0]);
            if (network) {
                // the learner's own projection is standardized in place: at 1,000,000 samples a copy costs 256 MB
                float[][] networkInput = learnerInput == embedding ? standardized(learnerInput)
                        : standardizeInPlace(learnerInput);
                learnerInput = null;
                CrossValidation.Reused networkRun = CrossValidation.probabilities(networkInput, labels, classes,
                        options.folds(), options.seed(), MultilayerPerceptron::train, known[0]);
                probabilities = networkRun.probabilities();
                linear = linearRun.probabilities();
                source = String.format(Locale.ROOT, "%d-fold cross-validated neural network (%d hidden units) on %s",
                        options.folds(), MultilayerPerceptron.HIDDEN, learnerSpace);
                computed = networkRun.computed();
            } else {
                probabilities = linearRun.probabilities();
                source = options.folds() + "-fold cross-validated softmax regression on " + space;
                computed = linearRun.computed();
            }
            if (digests != null) {
                learnerCache = cache(fingerprint, classes, digests, probabilities, linear);
            }
            if (computed < data.size()) {
                progress.accept(String.format(Locale.ROOT, "learner cache: %d samples unchanged since the cached"
                        + " check, the learners ran for the %d added or modified", data.size() - computed, computed));
            }
        }
        double accuracy = accuracy(probabilities, labels);
        progress.accept(String.format(Locale.ROOT, "probabilities: %s, accuracy %.4f (%.1f s)", source, accuracy,
                seconds(t)));

        List<DetectorResult> results = new ArrayList<>();
        int k = Math.min(options.k(), data.size() - 1);
        t = System.nanoTime();
        boolean exact = data.size() <= exactLimit;
        Neighbours neighbours = exact ? NearestNeighbours.find(embedding, k)
                : ApproximateNeighbours.find(embedding, k, ApproximateNeighbours.PROBES, options.seed());
        progress.accept(String.format(Locale.ROOT, "%d nearest neighbours of %d samples, %s (%.1f s)", k,
                data.size(), exact ? "exact" : String.format(Locale.ROOT, "approximate: %d k-means cells, %d probed"
                        + " per sample", ApproximateNeighbours.cells(data.size()), ApproximateNeighbours.PROBES),
                seconds(t)));
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
        long triggerStart = System.nanoTime();
        TriggerPatches.Found trigger = Occlusion.test(TriggerPatches.detect(data, scaling,
                TriggerPatches.ENRICHMENT), data, model);
        progress.accept(String.format(Locale.ROOT, "trigger patches: %d groups examined (%.1f s)",
                trigger.groups().size(), seconds(triggerStart)));
        DetectorResult cleanLabel = CleanLabelPoison.detect(data, scaling, model == null ? null : embedding, space);
        results.add(Backdoors.combine(spectral, clustering, trigger.result(), targeted, cleanLabel));
        results.add(spectral);
        results.add(clustering);
        results.add(targeted);
        results.add(trigger.result());
        results.add(cleanLabel);
        progress.accept(String.format(Locale.ROOT, "backdoor detectors (%.1f s)", seconds(t)));
        t = System.nanoTime();
        Duplicates.Groups groups = Duplicates.groups(SampleDigests.features(data), labels,
                (a, b) -> scaling.distance(data.features(), a, b), neighbours, options.nearFactor());
        results.add(Duplicates.detect(groups, labels, classes, options.nearFactor()));
        results.add(Outliers.detect(neighbours, options.outlierZ(), space));
        progress.accept(String.format(Locale.ROOT, "duplicates and outliers (%.1f s)", seconds(t)));
        return new Analysis(results, space, source, accuracy, groups, learnerCache, trigger.groups());
    }

    /**
     * The mean of the model's probabilities and the neighbours' label shares (smoothed by one pseudo-count spread
     * over the classes): both are out-of-sample, and their errors differ.
     */
    /** The cached probabilities per sample ({@code [0]} main learner, {@code [1]} linear), nulls where unknown. */
    private static float[][][] known(LearnerCache previous, String fingerprint, String[] digests, int samples) {
        float[][][] known = new float[2][samples][];
        if (previous == null || digests == null || !previous.fingerprint().equals(fingerprint)) {
            return known;
        }
        for (int i = 0; i < samples; i++) {
            float[][] entry = previous.lookup(digests[i]);
            if (entry != null) {
                known[0][i] = entry[0];
                known[1][i] = entry.length > 1 ? entry[1] : null;
            }
        }
        return known;
    }

    private static LearnerCache cache(String fingerprint, int classes, String[] digests, float[][] probabilities,
            float[][] linear) {
        java.util.Map<String, float[][]> entries = new java.util.HashMap<>();
        for (int i = 0; i < digests.length; i++) {
            entries.put(digests[i], linear == null ? new float[][] {probabilities[i]}
                    : new float[][] {probabilities[i], linear[i]});
        }
        return new LearnerCache(fingerprint, classes, entries);
    }

    /**
     * Whether the cross-validated network has enough data: each fold trains on at least as many samples as the
     * network has weights. Smaller data sets get softmax regression, which a few hundred samples fit without
     * memorising their flipped labels.
     */
    static boolean networkFits(int samples, int inputs, int classes, int folds) {
        return (long) samples * (folds - 1) / folds >= MultilayerPerceptron.parameters(inputs, classes);
    }

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
        float[][] copy = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].clone();
        }
        return standardizeInPlace(copy);
    }

    /** Scales each column of {@code x} to zero mean and unit variance in place (constant columns to 0). */
    static float[][] standardizeInPlace(float[][] x) {
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
        double[] inverse = new double[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(sq[j] / x.length);
            inverse[j] = std > 1e-12 ? 1 / std : 0;
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) ((row[j] - mean[j]) * inverse[j]);
            }
        }
        return x;
    }

    static double accuracy(float[][] p, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (Outputs.argmax(p[i]) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
