package org.secmlops.core.robustness;

import java.util.SplittableRandom;

/** Row selection and copying for batched attacks. */
final class Rows {
    /** The estimated work, in nanoseconds on one core, from which a loop over rows is split over the cores. */
    static final long PARALLEL_NANOS = 200_000;
    /** The cost per value of a pass that streams a few arrays: a step, a projection. */
    static final int STREAMING = 3;
    /** The cost per value of the ε-box: two correctly rounded bounds through double precision. */
    static final int BOX = 14;
    /** The cost per window value of an L2 Square Attack proposal: read, remembered, rewritten, tracked. */
    static final int PROPOSAL = 8;

    private Rows() {
    }

    /**
     * Runs {@code body} for 0 .. count-1, on the common fork-join pool when the estimated work ({@code count ×
     * valuesPerRow × nanosPerValue}) reaches {@value #PARALLEL_NANOS} ns, from where using the cores the engine
     * leaves idle between calls pays for the fork. Each index must touch only its own row, so the result does not
     * depend on the threads.
     */
    static void forEach(int count, int valuesPerRow, int nanosPerValue, java.util.function.IntConsumer body) {
        if ((long) count * valuesPerRow * nanosPerValue >= PARALLEL_NANOS && count > 1) {
            java.util.stream.IntStream.range(0, count).parallel().forEach(body);
        } else {
            for (int k = 0; k < count; k++) {
                body.accept(k);
            }
        }
    }

    static float[][] copy(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    static float[][] select(float[][] rows, int[] indices) {
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }

    static int[] select(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    /** The indices where {@code done} is false. */
    static int[] open(boolean[] done) {
        int count = 0;
        for (boolean d : done) {
            count += d ? 0 : 1;
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < done.length; i++) {
            if (!done[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /**
     * A uniformly random start in the ball, projected into the bounds. L∞: {@code clean + ε · u} in float with
     * {@code u} uniform on the 2²³ multiples of 2⁻²² in [−1, 1) (two per random long), clipped to the exact box as it
     * is drawn.
     */
    static float[] randomStart(Ball ball, double eps, Norm norm, SplittableRandom random) {
        float[] clean = ball.clean();
        float[] x = new float[clean.length];
        if (norm == Norm.LINF) {
            float radius = (float) eps;
            for (int i = 0; i < x.length; i += 2) {
                long bits = random.nextLong();
                x[i] = ball.clamp(clean[i] + radius * symmetricUniform((int) (bits >>> 41)), i);
                if (i + 1 < x.length) {
                    x[i + 1] = ball.clamp(clean[i + 1] + radius * symmetricUniform((int) bits), i + 1);
                }
            }
            return x;
        }
        double[] direction = new double[x.length];
        double length = 0;
        for (int i = 0; i < x.length; i++) {
            direction[i] = random.nextGaussian();
            length += direction[i] * direction[i];
        }
        length = Math.sqrt(length);
        double radius = eps * Math.pow(random.nextDouble(), 1.0 / x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (clean[i] + (length > 0 ? direction[i] / length * radius : 0));
        }
        ball.project(x);
        return x;
    }

    /**
     * {@code −1 + m · 2⁻²²} for the low 23 bits {@code m} of {@code bits}, exactly: the float {@code 1.m} in [1, 2)
     * is built from the bits, doubled and shifted. Converting an int to float instead cost 5 ns per value on
     * HotSpot 17, whose conversion instruction waits for the previous write of its target register.
     */
    static float symmetricUniform(int bits) {
        return Float.intBitsToFloat(0x3F800000 | bits & 0x7FFFFF) * 2 - 3;
    }

    /**
     * The first iterates of the samples at {@code active}: a uniformly random point of each ball (each sample draws
     * from its own stream split off {@code random} in order, so the result does not depend on the threads), or a copy
     * of the clean sample.
     */
    static float[][] starts(Ball[] balls, int[] active, boolean randomStart, double eps, Norm norm,
            SplittableRandom random) {
        float[][] x = new float[active.length][];
        if (!randomStart) {
            for (int k = 0; k < active.length; k++) {
                x[k] = balls[active[k]].clean().clone();
            }
            return x;
        }
        SplittableRandom[] streams = new SplittableRandom[active.length];
        for (int k = 0; k < active.length; k++) {
            streams[k] = random.split();
        }
        int values = active.length == 0 ? 0 : balls[active[0]].clean().length;
        forEach(active.length, values, STREAMING, k -> x[k] = randomStart(balls[active[k]], eps, norm, streams[k]));
        return x;
    }

    /**
     * The feasible set of every sample. L∞ boxes are first built one row after another through a {@link BoxCache}
     * and, once it misses too often (data with many distinct values), computed directly, split over the cores.
     */
    static Ball[] balls(float[][] clean, double eps, Norm norm, InputBounds bounds) {
        Ball[] balls = new Ball[clean.length];
        int first = 0;
        if (norm == Norm.LINF) {
            BoxCache cache = new BoxCache(eps, bounds);
            while (first < clean.length && cache.worthIt()) {
                balls[first] = new Ball(clean[first], eps, norm, bounds, cache);
                first++;
            }
        }
        int start = first;
        forEach(clean.length - start, clean.length == 0 ? 0 : clean[0].length, norm == Norm.LINF ? BOX : 0,
                i -> balls[start + i] = new Ball(clean[start + i], eps, norm, bounds));
        return balls;
    }
}
