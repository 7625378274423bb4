package org.secmlops.core.datacheck;

/** A trained model that predicts class probabilities. */
interface Classifier {
    /** The predicted class probabilities of one sample. */
    float[] predict(float[] row);

    /** Trains a classifier on some rows of a table. */
    @FunctionalInterface
    interface Learner {
        /** Trains on the rows {@code train} of {@code x}; deterministic for a given seed. */
        Classifier train(float[][] x, int[] labels, int[] train, int classes, long seed);
    }
}
