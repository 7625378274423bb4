package org.secmlops.core.detection;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Conditions a road camera meets that the generic corruptions do not model, at severities 1 to 5, applied to the
 * raw 0..255 pixels.
 */
public enum Weather {
    /**
     * Fog: each pixel blended towards an airlight of 220 by {@code 1 − exp(−β d)}, with depth {@code d} from 1 at the
     * top row to 0.3 at the bottom (the far field is higher in a road camera's image), β = 0.5, 1, 1.5, 2, 3.
     */
    FOG("fog", 0.5, 1, 1.5, 2, 3),
    /** Low light: pixels scaled by 0.6, 0.45, 0.35, 0.25, 0.15, plus Gaussian sensor noise of σ = 2 × severity. */
    LOW_LIGHT("low-light", 0.6, 0.45, 0.35, 0.25, 0.15);

    private final String id;
    private final double[] levels;

    Weather(String id, double... levels) {
        this.id = id;
        this.levels = levels;
    }

    public String id() {
        return id;
    }

    /** The condition with this id, or null. */
    public static Weather find(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (Weather w : values()) {
            if (w.id.equals(key) || w.name().toLowerCase(Locale.ROOT).equals(key)) {
                return w;
            }
        }
        return null;
    }

    /** The changed copy of {@code [height, width, 3]} pixels. */
    public float[] apply(float[] pixels, int width, int height, int severity, SplittableRandom random) {
        if (severity < 1 || severity > levels.length) {
            throw new IllegalArgumentException("severity must be 1..5, was " + severity);
        }
        double level = levels[severity - 1];
        float[] out = new float[pixels.length];
        for (int r = 0; r < height; r++) {
            double depth = 1 - 0.7 * r / Math.max(1, height - 1);
            double fog = 1 - Math.exp(-level * depth);
            for (int i = r * width * 3; i < (r + 1) * width * 3; i++) {
                double v = this == FOG ? pixels[i] * (1 - fog) + 220 * fog
                        : pixels[i] * level + random.nextGaussian() * 2 * severity;
                out[i] = (float) Math.min(255, Math.max(0, v));
            }
        }
        return out;
    }
}
