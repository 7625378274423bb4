package org.secmlops.core.datacheck;

import java.util.Objects;

/** A {@link FeatureMatrix} over rows on the Java heap. */
final class HeapFeatures extends FeatureMatrix {
    private final float[][] rows;

    HeapFeatures(float[][] rows) {
        this.rows = Objects.requireNonNull(rows, "rows");
        for (float[] row : rows) {
            if (row.length != rows[0].length) {
                throw new IllegalArgumentException("rows differ in length: " + row.length + " and "
                        + rows[0].length);
            }
        }
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public int width() {
        return rows.length == 0 ? 0 : rows[0].length;
    }

    @Override
    public void copyRow(int i, float[] into) {
        System.arraycopy(rows[i], 0, into, 0, rows[i].length);
    }

    @Override
    public float value(int i, int j) {
        return rows[i][j];
    }

    @Override
    public boolean offHeap() {
        return false;
    }
}
