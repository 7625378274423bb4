package org.secmlops.core.monitor;

/** Projects inputs onto the reference's PCA components. */
final class Embedding {
    private final float[] centre;
    private final float[][] components;

    Embedding(float[] centre, float[][] components) {
        this.centre = centre;
        this.components = components;
    }

    Embedding(ReferenceStatistics reference) {
        this(reference.centre(), reference.components());
    }

    float[] centre() {
        return centre;
    }

    float[][] components() {
        return components;
    }

    int dimensions() {
        return components.length;
    }

    float[] project(float[] input) {
        int d = input.length;
        float[] centred = new float[d];
        for (int j = 0; j < d; j++) {
            centred[j] = input[j] - centre[j];
        }
        float[] out = new float[components.length];
        for (int c = 0; c < components.length; c++) {
            float[] comp = components[c];
            float s = 0;
            for (int j = 0; j < d; j++) {
                s += centred[j] * comp[j];
            }
            out[c] = s;
        }
        return out;
    }

    static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
