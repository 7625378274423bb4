package org.secmlops.core.datacheck;

/**
 * The raw feature values of a data set: one row per sample, all of the same width. Small tables stay on the Java
 * heap; {@link DataTableReader} moves large ones into a memory-mapped scratch file, so that the heap holds only what
 * the detectors derive from them. Nobody changes the values after the matrix is made; every read is a copy.
 */
public abstract sealed class FeatureMatrix permits HeapFeatures, MappedFeatures {
    FeatureMatrix() {
    }

    /**
     * A matrix over rows held on the heap. The array and its rows are owned by the matrix from then on.
     *
     * @throws IllegalArgumentException when the rows differ in length
     */
    public static FeatureMatrix of(float[][] rows) {
        return new HeapFeatures(rows);
    }

    /** The number of rows (samples). */
    public abstract int size();

    /** The number of values per row (0 when there are no rows). */
    public abstract int width();

    /** Copies row {@code i} into the first {@link #width()} elements of {@code into}. */
    public abstract void copyRow(int i, float[] into);

    /** The value of feature {@code j} of row {@code i}. */
    public abstract float value(int i, int j);

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        float[] out = new float[width()];
        copyRow(i, out);
        return out;
    }

    /** Whether the rows live outside the Java heap. */
    public abstract boolean offHeap();
}
