package org.secmlops.core.robustness;

import java.util.Arrays;
import java.util.Objects;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Preprocessing;

/**
 * The valid range of every input value in the model's input space (after preprocessing). Perturbed and corrupted
 * samples are clipped into it. Infinite bounds mean "no limit".
 *
 * @param low  the smallest valid value per input position
 * @param high the largest valid value per input position
 */
public record InputBounds(float[] low, float[] high) {
    public InputBounds {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        low = low.clone();
        high = high.clone();
        if (low.length != high.length) {
            throw new IllegalArgumentException("low and high differ in length");
        }
        for (int i = 0; i < low.length; i++) {
            if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || !(low[i] <= high[i])) {
                throw new IllegalArgumentException("invalid bounds at " + i + ": " + low[i] + ".." + high[i]);
            }
        }
    }

    /** The same range for each of {@code size} values. */
    public static InputBounds uniform(int size, float low, float high) {
        float[] l = new float[size];
        float[] h = new float[size];
        Arrays.fill(l, low);
        Arrays.fill(h, high);
        return new InputBounds(l, h);
    }

    /** No limits. */
    public static InputBounds unbounded(int size) {
        return uniform(size, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    }

    /**
     * The image of the raw 8-bit range 0..255 under the preprocessing (per channel, in the model's layout): e.g.
     * {@code --input-range 0,1} gives [0, 1]; with a mean and std it gives the normalized range of each channel.
     */
    public static InputBounds ofEightBit(Preprocessing preprocessing, int[] rawShape) throws DatasetException {
        preprocessing.shape(rawShape);
        int size = Arrays.stream(rawShape).reduce(1, (a, b) -> a * b);
        float[] zeros = new float[size];
        float[] full = new float[size];
        Arrays.fill(full, 255f);
        float[] a = preprocessing.apply(zeros, rawShape);
        float[] b = preprocessing.apply(full, rawShape);
        float[] low = new float[size];
        float[] high = new float[size];
        for (int i = 0; i < size; i++) {
            low[i] = Math.min(a[i], b[i]);
            high[i] = Math.max(a[i], b[i]);
        }
        return new InputBounds(low, high);
    }

    @Override
    public float[] low() {
        return low.clone();
    }

    @Override
    public float[] high() {
        return high.clone();
    }

    /** The number of input values. */
    public int size() {
        return low.length;
    }

    /** The lower bound of position {@code i}. */
    public float low(int i) {
        return low[i];
    }

    /** The upper bound of position {@code i}. */
    public float high(int i) {
        return high[i];
    }

    /**
     * The largest distance in {@code norm} between two valid inputs: the widest range for L∞, the length of the
     * diagonal for L2; infinite when a bound is.
     */
    public double diameter(Norm norm) {
        double result = 0;
        for (int i = 0; i < low.length; i++) {
            double width = (double) high[i] - low[i];
            result = norm == Norm.LINF ? Math.max(result, width) : result + width * width;
        }
        return norm == Norm.LINF ? result : Math.sqrt(result);
    }

    /** Whether every bound is finite. */
    public boolean finite() {
        for (int i = 0; i < low.length; i++) {
            if (!Float.isFinite(low[i]) || !Float.isFinite(high[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code high - low} at {@code i}, or 1 where a bound is infinite (the unit for relative corruptions). */
    public float span(int i) {
        float span = high[i] - low[i];
        return Float.isFinite(span) && span > 0 ? span : 1f;
    }

    /** {@code low} at {@code i}, or 0 where it is infinite. */
    public float origin(int i) {
        return Float.isFinite(low[i]) ? low[i] : 0f;
    }

    /** Clips every value into its range, in place. */
    public void clip(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(Math.max(x[i], low[i]), high[i]);
        }
    }

    /** Whether every value lies in its range. */
    public boolean contains(float[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    /** A short description, e.g. {@code [0, 1]} or {@code per channel [-2.1, 2.6]}. */
    public String describe() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        boolean same = true;
        for (int i = 0; i < low.length; i++) {
            min = Math.min(min, low[i]);
            max = Math.max(max, high[i]);
            same &= low[i] == low[0] && high[i] == high[0];
        }
        if (low.length == 0) {
            return "[]";
        }
        return (same ? "" : "per position, within ") + "[" + min + ", " + max + "]";
    }
}
