package org.secmlops.core.datacheck;

import java.nio.FloatBuffer;

/**
 * A {@link FeatureMatrix} in memory-mapped segments of a scratch file (native byte order, row after row). Reads use
 * absolute positions only, so threads may read at the same time. The operating system pages the rows in and out;
 * they never count against the Java heap.
 */
final class MappedFeatures extends FeatureMatrix {
    private final FloatBuffer[] segments;
    private final int rowsPerSegment;
    private final int size;
    private final int width;

    MappedFeatures(FloatBuffer[] segments, int rowsPerSegment, int size, int width) {
        this.segments = segments.clone();
        this.rowsPerSegment = rowsPerSegment;
        this.size = size;
        this.width = width;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public void copyRow(int i, float[] into) {
        checkRow(i);
        segments[i / rowsPerSegment].get((i % rowsPerSegment) * width, into, 0, width);
    }

    @Override
    public float value(int i, int j) {
        checkRow(i);
        if (j < 0 || j >= width) {
            throw new IndexOutOfBoundsException("feature " + j + " of " + width);
        }
        return segments[i / rowsPerSegment].get((i % rowsPerSegment) * width + j);
    }

    @Override
    public boolean offHeap() {
        return true;
    }

    private void checkRow(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
    }
}
