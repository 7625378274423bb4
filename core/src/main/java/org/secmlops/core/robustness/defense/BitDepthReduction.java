package org.secmlops.core.robustness.defense;

import java.util.SplittableRandom;
import org.secmlops.core.robustness.InputBounds;

/**
 * Feature squeezing by colour-depth reduction (Xu, Evans and Qi, NDSS 2018): every value, taken as a fraction of
 * its valid range, is rounded to one of {@code 2^bits} evenly spaced levels.
 */
public final class BitDepthReduction implements InputTransform {
    private final int bits;
    private final InputBounds bounds;

    /**
     * @param bits   1..8
     * @param bounds the valid input range; must be finite
     */
    public BitDepthReduction(int bits, InputBounds bounds) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("bit depth must be 1..8, was " + bits);
        }
        if (!bounds.finite()) {
            throw new IllegalArgumentException("bit-depth reduction needs a finite valid input range; give one"
                    + " with --valid-range (or let it be inferred from 8-bit data)");
        }
        this.bits = bits;
        this.bounds = bounds;
    }

    @Override
    public float[] apply(float[] x, SplittableRandom random) {
        int levels = (1 << bits) - 1;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double fraction = (x[i] - bounds.origin(i)) / bounds.span(i);
            double squeezed = Math.rint(Math.min(1, Math.max(0, fraction)) * levels) / levels;
            out[i] = (float) (squeezed * bounds.span(i) + bounds.origin(i));
        }
        return out;
    }

    @Override
    public float[] naiveBackward(float[] x, float[] upstream) {
        return new float[x.length];
    }
}
