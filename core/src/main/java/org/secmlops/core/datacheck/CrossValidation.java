package org.secmlops.core.datacheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Out-of-sample class probabilities by stratified k-fold cross-validation: the samples are split into {@code folds}
 * folds with every class spread evenly; each fold's probabilities come from a model trained on the other folds
 * only, so no sample's probabilities come from a model that saw it. Folds train in parallel; the result does not
 * depend on the thread count.
 */
final class CrossValidation {
    private CrossValidation() {
    }

    /** Assigns every sample a fold 0..folds-1, stratified by label, shuffled by the seed. */
    static int[] folds(int[] labels, int classes, int folds, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        int[] fold = new int[labels.length];
        int next = 0;
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, random);
            for (int member : members) {
                fold[member] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }

    /**
     * @return {@code probabilities[i][c]} for every sample, from the model of the folds that exclude it
     */
    static float[][] probabilities(float[][] x, int[] labels, int classes, int folds, long seed,
            Classifier.Learner learner) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        if (folds > x.length) {
            throw new IllegalArgumentException(folds + " folds need at least as many samples; there are " + x.length);
        }
        int[] fold = folds(labels, classes, folds, seed);
        float[][] out = new float[x.length][];
        IntStream.range(0, folds).parallel().forEach(f -> {
            org.secmlops.core.run.Cancellation.check();
            int[] train = IntStream.range(0, x.length).filter(i -> fold[i] != f).toArray();
            Classifier model = learner.train(x, labels, train, classes, seed * 31 + f);
            for (int i = 0; i < x.length; i++) {
                if (fold[i] == f) {
                    out[i] = model.predict(x[i]);
                }
            }
        });
        return out;
    }
    /**
     * Out-of-sample probabilities reusing known ones: samples with {@code known[i] != null} keep them; the others
     * get the prediction of one model trained on the known samples only (which never saw them). Falls back to
     * full cross-validation when nothing is known, when more than half of the samples are new, or when the known
     * samples miss a class or number fewer than the folds.
     *
     * @return the probabilities, and the number of samples that a model trained in this call predicted
     */
    static Reused probabilities(float[][] x, int[] labels, int classes, int folds, long seed,
            Classifier.Learner learner, float[][] known) {
        int[] fresh = java.util.stream.IntStream.range(0, x.length).filter(i -> known[i] == null).toArray();
        int[] kept = java.util.stream.IntStream.range(0, x.length).filter(i -> known[i] != null).toArray();
        boolean everyClass = java.util.Arrays.stream(kept).map(i -> labels[i]).distinct().count() == classes;
        if (fresh.length * 2 > x.length || kept.length < folds || !everyClass) {
            return new Reused(probabilities(x, labels, classes, folds, seed, learner), x.length);
        }
        float[][] out = new float[x.length][];
        for (int i : kept) {
            out[i] = known[i].clone();
        }
        if (fresh.length > 0) {
            Classifier model = learner.train(x, labels, kept, classes, seed * 31 + folds);
            for (int i : fresh) {
                out[i] = model.predict(x[i]);
            }
        }
        return new Reused(out, fresh.length);
    }

    /** Probabilities and how many of them were computed rather than reused. */
    record Reused(float[][] probabilities, int computed) {
    }
}
