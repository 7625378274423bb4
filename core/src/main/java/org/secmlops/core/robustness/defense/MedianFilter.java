package org.secmlops.core.robustness.defense;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.secmlops.core.robustness.SampleGeometry;

/**
 * Spatial smoothing (Xu, Evans and Qi, NDSS 2018): every pixel of every channel replaced by the median of the
 * {@code size × size} window around it, edges repeated.
 */
public final class MedianFilter implements InputTransform {
    private final int size;
    private final SampleGeometry geometry;

    /**
     * @param size     odd window size ≥ 3
     * @param geometry the samples' image geometry; must be image-like
     */
    public MedianFilter(int size, SampleGeometry geometry) {
        if (size < 3 || size % 2 == 0) {
            throw new IllegalArgumentException("median window size must be odd and at least 3, was " + size);
        }
        this.size = size;
        this.geometry = ImageDefenses.requireImage(geometry, "median");
    }

    @Override
    public float[] apply(float[] x, SplittableRandom random) {
        float[] out = new float[x.length];
        int[] source = new int[size * size];
        for (int c = 0; c < geometry.channels(); c++) {
            for (int r = 0; r < geometry.height(); r++) {
                for (int col = 0; col < geometry.width(); col++) {
                    int median = medianIndex(x, c, r, col, source);
                    out[geometry.index(c, r, col)] = x[median];
                }
            }
        }
        return out;
    }

    /** The gradient flows to the pixel each output took its value from: the filter's exact derivative a.e. */
    @Override
    public float[] naiveBackward(float[] x, float[] upstream) {
        float[] out = new float[x.length];
        int[] source = new int[size * size];
        for (int c = 0; c < geometry.channels(); c++) {
            for (int r = 0; r < geometry.height(); r++) {
                for (int col = 0; col < geometry.width(); col++) {
                    out[medianIndex(x, c, r, col, source)] += upstream[geometry.index(c, r, col)];
                }
            }
        }
        return out;
    }

    private int medianIndex(float[] x, int c, int r, int col, int[] source) {
        int half = size / 2;
        int n = 0;
        for (int dr = -half; dr <= half; dr++) {
            for (int dc = -half; dc <= half; dc++) {
                int rr = Math.min(geometry.height() - 1, Math.max(0, r + dr));
                int cc = Math.min(geometry.width() - 1, Math.max(0, col + dc));
                source[n++] = geometry.index(c, rr, cc);
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = source[i];
        }
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : Float.compare(x[a], x[b]) != 0 ? Float.compare(x[a], x[b])
                : Integer.compare(a, b));
        return order[n / 2];
    }
}
