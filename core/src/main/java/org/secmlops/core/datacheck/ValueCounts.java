package org.secmlops.core.datacheck;

import org.secmlops.core.run.Cancellation;

/**
 * How often each exact value of each feature occurs in each class, for features with at most {@link #MAX_DISTINCT}
 * distinct values (pixels, counts, categories); features with more (continuous measurements) are dropped as soon as
 * they pass the limit, so memory stays at most {@code width × MAX_DISTINCT × (classes + 1)} integers.
 */
final class ValueCounts {
    static final int MAX_DISTINCT = 1024;
    private static final int EMPTY = 0x7fc00001;

    private final int classes;
    private final int[][] keys;
    private final int[][] counts;
    private final int[] distinct;

    private ValueCounts(int width, int classes) {
        this.classes = classes;
        keys = new int[width][];
        counts = new int[width][];
        distinct = new int[width];
        for (int j = 0; j < width; j++) {
            keys[j] = empty(16);
            counts[j] = new int[16 * classes];
        }
    }

    static ValueCounts of(FeatureMatrix x, int[] labels, int classes) {
        int width = x.width();
        ValueCounts out = new ValueCounts(width, classes);
        float[] row = new float[width];
        for (int i = 0; i < x.size(); i++) {
            if ((i & 1023) == 0) {
                Cancellation.check();
            }
            x.copyRow(i, row);
            for (int j = 0; j < width; j++) {
                if (out.keys[j] != null) {
                    out.add(j, Float.floatToIntBits(row[j] + 0f), labels[i]);
                }
            }
        }
        return out;
    }

    /** Whether feature {@code j} has few enough distinct values to be counted. */
    boolean counted(int j) {
        return keys[j] != null;
    }

    /** The distinct values of a counted feature, as {@link Float#floatToIntBits} (unordered). */
    int[] values(int j) {
        int[] out = new int[distinct[j]];
        int k = 0;
        for (int key : keys[j]) {
            if (key != EMPTY) {
                out[k++] = key;
            }
        }
        return out;
    }

    /** How many samples of class {@code c} have value {@code bits} at feature {@code j}. */
    int count(int j, int bits, int c) {
        int slot = find(keys[j], bits);
        return keys[j][slot] == EMPTY ? 0 : counts[j][slot * classes + c];
    }

    private void add(int j, int bits, int label) {
        int[] k = keys[j];
        int slot = find(k, bits);
        if (k[slot] == EMPTY) {
            if (distinct[j] == MAX_DISTINCT) {
                keys[j] = null;
                counts[j] = null;
                return;
            }
            if (2 * (distinct[j] + 1) > k.length) {
                grow(j);
                k = keys[j];
                slot = find(k, bits);
            }
            k[slot] = bits;
            distinct[j]++;
        }
        counts[j][slot * classes + label]++;
    }

    private void grow(int j) {
        int[] oldKeys = keys[j];
        int[] oldCounts = counts[j];
        int[] k = empty(oldKeys.length * 2);
        int[] c = new int[k.length * classes];
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != EMPTY) {
                int slot = find(k, oldKeys[s]);
                k[slot] = oldKeys[s];
                System.arraycopy(oldCounts, s * classes, c, slot * classes, classes);
            }
        }
        keys[j] = k;
        counts[j] = c;
    }

    private static int find(int[] k, int bits) {
        int mask = k.length - 1;
        // Fibonacci hashing takes the product's top bits: the low bits of small whole floats are all zero
        int slot = (bits * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(k.length));
        while (k[slot] != EMPTY && k[slot] != bits) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int[] empty(int size) {
        int[] k = new int[size];
        java.util.Arrays.fill(k, EMPTY);
        return k;
    }
}
