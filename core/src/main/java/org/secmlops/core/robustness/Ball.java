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
        this.clean = clean;
        this.eps = eps;
        this.norm = norm;
        this.bounds = bounds;
        if (norm == Norm.LINF) {
            low = new float[clean.length];
            high = new float[clean.length];
            for (int j = 0; j < clean.length; j++) {
                double below = (double) clean[j] - eps;
                double above = (double) clean[j] + eps;
                float lowest = (float) below;
                float highest = (float) above;
                low[j] = Math.max(lowest < below ? Math.nextUp(lowest) : lowest, bounds.low(j));
                high[j] = Math.min(highest > above ? Math.nextDown(highest) : highest, bounds.high(j));
            }
        } else {
            low = null;
            high = null;
        }
    }

    float[] clean() {
        return clean;
    }

    /** The smallest feasible value at {@code j} (L∞ only). */
    float low(int j) {
        return low[j];
    }

    /** The largest feasible value at {@code j} (L∞ only). */
    float high(int j) {
        return high[j];
    }

    /** Projects {@code x} into the set, in place. */
    void project(float[] x) {
        if (norm == Norm.LINF) {
            for (int j = 0; j < x.length; j++) {
                float v = x[j];
                x[j] = v < low[j] ? low[j] : v > high[j] ? high[j] : v == v ? v : clean[j];
            }
        } else {
            norm.project(x, clean, eps, bounds);
        }
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
                float v = Math.min(Math.max((float) (x[j] + (g == 0 ? 0 : signedStep)), low[j]), high[j]);
                x[j] = v == v && g == g ? v : clean[j];
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
