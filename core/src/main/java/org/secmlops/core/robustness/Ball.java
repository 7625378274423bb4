package org.secmlops.core.robustness;

/**
 * The feasible set of one sample: the ε-ball around it intersected with the valid range. For L∞ the set is a box,
 * precomputed once ({@code low[j]}, {@code high[j]}, exact as in {@link Norm#project}), so that steps and
 * projections are one pass without allocation beyond the result.
 */
final class Ball {
    private static final int SIGN = 0x80000000;

    private final float[] clean;
    private final double eps;
    private final Norm norm;
    private final InputBounds bounds;
    private final float[] low;
    private final float[] high;

    Ball(float[] clean, double eps, Norm norm, InputBounds bounds) {
        this(clean, eps, norm, bounds, null);
    }

    /** With the L∞ box (or its unbounded part, see {@link BoxCache#bounded()}) looked up in {@code cache}. */
    Ball(float[] clean, double eps, Norm norm, InputBounds bounds, BoxCache cache) {
        this.clean = clean;
        this.eps = eps;
        this.norm = norm;
        this.bounds = bounds;
        if (norm == Norm.LINF) {
            low = new float[clean.length];
            high = new float[clean.length];
            if (cache != null && cache.bounded()) {
                boundedBox(cache);
            } else {
                box(cache);
            }
        } else {
            low = null;
            high = null;
        }
    }

    private void boundedBox(BoxCache cache) {
        for (int j = 0; j < clean.length; j++) {
            int slot = cache.find(clean[j]);
            low[j] = fromKey(cache.lowKey(slot));
            high[j] = fromKey(cache.highKey(slot));
        }
    }

    private void box(BoxCache cache) {
        for (int j = 0; j < clean.length; j++) {
            int lowKey;
            int highKey;
            if (cache != null) {
                int slot = cache.find(clean[j]);
                lowKey = cache.lowKey(slot);
                highKey = cache.highKey(slot);
            } else {
                lowKey = key(smallestFloatAtLeast((double) clean[j] - eps));
                highKey = key(largestFloatAtMost((double) clean[j] + eps));
            }
            highKey = Math.min(highKey, key(bounds.high(j)));
            lowKey = Math.max(lowKey, key(bounds.low(j)));
            low[j] = fromKey(Math.min(lowKey, highKey));
            high[j] = fromKey(highKey);
        }
    }

    /**
     * The bits of the smallest float not below {@code value}: the nearest float, or the next one up where that fell
     * below. The choice is between two ints, which compiles to a conditional move; branching on it (as
     * {@code Math.nextUp} after a comparison does) was mispredicted about half the time and made the box 1.6 times
     * slower.
     */
    static int smallestFloatAtLeast(double value) {
        float nearest = (float) value;
        int bits = Float.floatToRawIntBits(nearest);
        return nearest < value ? bits + (bits >> 31 | 1) : bits;
    }

    /** The bits of the largest float not above {@code value}; see {@link #smallestFloatAtLeast}. */
    static int largestFloatAtMost(double value) {
        float nearest = (float) value;
        int bits = Float.floatToRawIntBits(nearest);
        return nearest > value ? bits - (bits >> 31 | 1) : bits;
    }

    float[] clean() {
        return clean;
    }

    /** The smallest feasible values (L∞ only); shared, not to be modified. */
    float[] lows() {
        return low;
    }

    /** The largest feasible values (L∞ only); shared, not to be modified. */
    float[] highs() {
        return high;
    }

    /** The smallest feasible value at {@code j} (L∞ only). */
    float low(int j) {
        return low[j];
    }

    /** The largest feasible value at {@code j} (L∞ only). */
    float high(int j) {
        return high[j];
    }

    /**
     * {@code v} (not NaN) clipped into the valid range of position {@code j}, through integer keys as in
     * {@link #clamp}: the float minimum and maximum branch, and perturbed pixels are clipped about half the time.
     */
    float inRange(int j, float v) {
        return fromKey(Math.min(Math.max(key(v), key(bounds.low(j))), key(bounds.high(j))));
    }

    /** Projects {@code x} into the set, in place. */
    void project(float[] x) {
        if (norm == Norm.LINF) {
            for (int j = 0; j < x.length; j++) {
                x[j] = clamp(x[j], j);
            }
        } else {
            norm.project(x, clean, eps, bounds);
        }
    }

    /**
     * {@code min(max(v, low[j]), high[j])}, the clean value for NaN. Compared as order-preserving integer keys:
     * float comparisons on data that is clipped about half the time (pixels at 0 or 1) compile to branches the CPU
     * mispredicts, integer minimum and maximum to conditional moves, which made the step loop four times faster.
     */
    float clamp(float v, int j) {
        return v == v ? fromKey(Math.min(Math.max(key(v), key(low[j])), key(high[j]))) : clean[j];
    }

    /** An int whose signed order is the float order of non-NaN values ({@code -0.0} just below {@code 0.0}). */
    private static int key(float value) {
        return key(Float.floatToRawIntBits(value));
    }

    static int key(int bits) {
        return bits ^ (bits >> 31 & Integer.MAX_VALUE);
    }

    private static float fromKey(int key) {
        return Float.intBitsToFloat(key ^ (key >> 31 & Integer.MAX_VALUE));
    }

    /** {@code x + step × steepest-ascent direction of gradient}, projected; a new array. */
    float[] step(float[] x, float[] gradient, double step) {
        float[] out = x.clone();
        stepInPlace(out, gradient, step);
        return out;
    }

    /**
     * Replaces {@code x} by {@code x + step × steepest-ascent direction of gradient}, projected. For L∞ the step is
     * {@code step × sign(gradient)} (0 where the gradient is 0, the clean value where it is NaN), with the sign taken
     * from the float's bits: {@code Math.signum} made this loop twice as slow.
     */
    void stepInPlace(float[] x, float[] gradient, double step) {
        if (norm == Norm.LINF) {
            long stepBits = Double.doubleToRawLongBits(Math.abs(step));
            for (int j = 0; j < x.length; j++) {
                float g = gradient[j];
                double signedStep = Double.longBitsToDouble(stepBits | (long) (Float.floatToRawIntBits(g) & SIGN) << 32);
                float v = clamp((float) (x[j] + (g == 0 ? 0 : signedStep)), j);
                x[j] = g == g ? v : clean[j];
            }
            return;
        }
        double length = 0;
        for (float g : gradient) {
            length += (double) g * g;
        }
        length = Math.sqrt(length);
        double scale = length > 0 && Double.isFinite(length) ? step / length : 0;
        for (int j = 0; j < x.length; j++) {
            x[j] = (float) (x[j] + scale * gradient[j]);
        }
        norm.project(x, clean, eps, bounds);
    }
}
