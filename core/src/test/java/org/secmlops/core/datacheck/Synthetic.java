package org.secmlops.core.datacheck;

import java.util.Random;

/** Gaussian blobs for planted cases: class {@code c} centred at {@code spread} on axis {@code c}. */
final class Synthetic {
    private Synthetic() {
    }

    static float[][] blobs(int classes, int perClass, int dims, double spread, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[classes * perClass][dims];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                float[] row = x[c * perClass + i];
                for (int j = 0; j < dims; j++) {
                    row[j] = (float) random.nextGaussian();
                }
                row[c % dims] += (float) spread;
            }
        }
        return x;
    }

    static int[] labels(int classes, int perClass) {
        int[] y = new int[classes * perClass];
        for (int i = 0; i < y.length; i++) {
            y[i] = i / perClass;
        }
        return y;
    }
}
