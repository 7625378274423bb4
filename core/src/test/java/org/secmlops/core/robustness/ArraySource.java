package org.secmlops.core.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.SampleSource;

/** Labelled samples held in memory, for tests. */
public final class ArraySource implements SampleSource {
    private final float[][] x;
    private final int[] y;
    private final int[] shape;
    private int next;

    public ArraySource(float[][] x, int[] y, int... shape) {
        this.x = x;
        this.y = y;
        this.shape = shape.length == 0 ? new int[] {x[0].length} : shape;
    }

    @Override
    public String description() {
        return "arrays (" + x.length + " samples)";
    }

    @Override
    public int[] sampleShape() {
        return shape.clone();
    }

    @Override
    public boolean eightBit() {
        return false;
    }

    @Override
    public Batch next(int max) {
        if (next >= x.length) {
            return null;
        }
        int end = Math.min(x.length, next + max);
        List<String> ids = new ArrayList<>();
        for (int i = next; i < end; i++) {
            ids.add("#" + i);
        }
        Batch batch = new Batch(ids, Arrays.copyOfRange(x, next, end), Arrays.copyOfRange(y, next, end));
        next = end;
        return batch;
    }

    @Override
    public void close() {
    }
}
