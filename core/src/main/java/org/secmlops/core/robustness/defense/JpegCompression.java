package org.secmlops.core.robustness.defense;

import java.util.SplittableRandom;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.JpegQuantizer;
import org.secmlops.core.robustness.SampleGeometry;

/** JPEG compression as an input defense (Dziugaite et al. 2016; Guo et al. 2018), the corruptions' quantizer. */
public final class JpegCompression implements InputTransform {
    private final int quality;
    private final SampleGeometry geometry;
    private final InputBounds bounds;

    /**
     * @param quality  1..100
     * @param geometry the samples' image geometry; must be image-like
     * @param bounds   the valid input range
     */
    public JpegCompression(int quality, SampleGeometry geometry, InputBounds bounds) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, was " + quality);
        }
        this.quality = quality;
        this.geometry = ImageDefenses.requireImage(geometry, "jpeg");
        this.bounds = bounds;
    }

    @Override
    public float[] apply(float[] x, SplittableRandom random) {
        return JpegQuantizer.compress(x, quality, geometry, bounds);
    }

    @Override
    public float[] naiveBackward(float[] x, float[] upstream) {
        return new float[x.length];
    }
}
