package org.secmlops.core.robustness;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A natural corruption at severities 1 (mild) to 5 (strong), applied in the model's input space relative to the
 * valid range's span (1 where the range is unbounded) and clipped into it. The severity tables follow the spirit of
 * CIFAR-10-C (Hendrycks &amp; Dietterich 2019), simplified to operations on the input values.
 */
public enum Corruption {
    /** Additive Gaussian noise, σ = 0.04, 0.06, 0.08, 0.09, 0.10 × span. */
    GAUSSIAN_NOISE("noise", false, 0.04, 0.06, 0.08, 0.09, 0.10),
    /** Gaussian blur per channel, σ = 0.5, 0.75, 1.0, 1.25, 1.5 pixels (kernel radius ⌈3σ⌉, edges repeated). */
    BLUR("blur", true, 0.5, 0.75, 1.0, 1.25, 1.5),
    /** Brighter: + 0.1 … 0.5 × span. */
    BRIGHTNESS("brightness", false, 0.1, 0.2, 0.3, 0.4, 0.5),
    /** Less contrast: values pulled towards the sample's mean, keeping 75, 50, 40, 30, 15 % of the deviation. */
    CONTRAST("contrast", false, 0.75, 0.5, 0.4, 0.3, 0.15),
    /**
     * JPEG-like compression: each channel mapped to 0..255, 8 × 8 DCT, quantized with the JPEG standard's
     * luminance table scaled to quality 80, 60, 40, 25, 10 (no colour conversion, no chroma subsampling, no entropy
     * coding), inverse DCT.
     */
    JPEG("jpeg", true, 80, 60, 40, 25, 10),
    /** A square patch set to the range's low end, side 10 … 50 % of the shorter image side, at a random place. */
    OCCLUSION("occlusion", true, 0.1, 0.2, 0.3, 0.4, 0.5);

    private final String id;
    private final boolean needsImage;
    private final double[] levels;

    Corruption(String id, boolean needsImage, double... levels) {
        this.id = id;
        this.needsImage = needsImage;
        this.levels = levels;
    }

    /** The id used on the command line, e.g. {@code noise}. */
    public String id() {
        return id;
    }

    /** Whether it needs image-shaped samples ({@link SampleGeometry#imageLike()}). */
    public boolean needsImage() {
        return needsImage;
    }

    /** The parameter of a severity (σ, shift, kept share, quality or patch share). */
    public double level(int severity) {
        if (severity < 1 || severity > levels.length) {
            throw new IllegalArgumentException("severity must be 1..5, was " + severity);
        }
        return levels[severity - 1];
    }

    /** The corruption with this id, or null. */
    public static Corruption find(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (Corruption c : values()) {
            if (c.id.equals(key) || c.name().toLowerCase(Locale.ROOT).equals(key)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The corrupted copy of a sample.
     *
     * @throws IllegalArgumentException when the corruption needs an image and the geometry is not image-like
     */
    public float[] apply(float[] x, int severity, SampleGeometry g, InputBounds bounds, SplittableRandom random) {
        double level = level(severity);
        if (needsImage && !g.imageLike()) {
            throw new IllegalArgumentException(id + " needs image-shaped samples");
        }
        float[] out = switch (this) {
            case GAUSSIAN_NOISE -> noise(x, level, bounds, random);
            case BLUR -> blur(x, level, g);
            case BRIGHTNESS -> brightness(x, level, bounds);
            case CONTRAST -> contrast(x, level);
            case JPEG -> JpegQuantizer.compress(x, (int) level, g, bounds);
            case OCCLUSION -> occlude(x, level, g, bounds, random);
        };
        bounds.clip(out);
        return out;
    }

    private static float[] noise(float[] x, double sigma, InputBounds b, SplittableRandom r) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] + sigma * b.span(i) * r.nextGaussian());
        }
        return out;
    }

    private static float[] brightness(float[] x, double shift, InputBounds b) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] + shift * b.span(i));
        }
        return out;
    }

    private static float[] contrast(float[] x, double keep) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (mean + (x[i] - mean) * keep);
        }
        return out;
    }

    private static float[] blur(float[] x, double sigma, SampleGeometry g) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        float[] out = new float[x.length];
        double[] rows = new double[x.length];
        for (int c = 0; c < g.channels(); c++) {
            for (int r = 0; r < g.height(); r++) {
                for (int col = 0; col < g.width(); col++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int cc = Math.min(Math.max(col + k, 0), g.width() - 1);
                        v += kernel[k + radius] * x[g.index(c, r, cc)];
                    }
                    rows[g.index(c, r, col)] = v;
                }
            }
            for (int r = 0; r < g.height(); r++) {
                for (int col = 0; col < g.width(); col++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int rr = Math.min(Math.max(r + k, 0), g.height() - 1);
                        v += kernel[k + radius] * rows[g.index(c, rr, col)];
                    }
                    out[g.index(c, r, col)] = (float) v;
                }
            }
        }
        return out;
    }

    private static float[] occlude(float[] x, double share, SampleGeometry g, InputBounds b, SplittableRandom r) {
        float[] out = x.clone();
        int side = Math.max(1, (int) Math.round(share * Math.min(g.height(), g.width())));
        int top = r.nextInt(g.height() - side + 1);
        int left = r.nextInt(g.width() - side + 1);
        for (int c = 0; c < g.channels(); c++) {
            for (int row = top; row < top + side; row++) {
                for (int col = left; col < left + side; col++) {
                    int j = g.index(c, row, col);
                    out[j] = b.origin(j);
                }
            }
        }
        return out;
    }
}
