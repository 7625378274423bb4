package org.secmlops.core.detection;

import java.util.List;
import java.util.Objects;

/**
 * One image of a detection data set, fitted to the model's input size.
 *
 * @param id     the image's path as the annotations name it
 * @param pixels the pixels 0..255, row-major {@code [height, width, 3]} RGB
 * @param width  the fitted width
 * @param height the fitted height
 * @param truths its ground-truth boxes in the fitted image's pixels
 */
public record DetectionSample(String id, float[] pixels, int width, int height, List<Box> truths) {
    public DetectionSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pixels, "pixels");
        truths = List.copyOf(truths);
        pixels = pixels.clone();
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException(id + ": " + pixels.length + " values for " + width + "x" + height + "x3");
        }
    }

    /** A copy of the pixels. */
    @Override
    public float[] pixels() {
        return pixels.clone();
    }

    /** The raw shape {@code [height, width, 3]}. */
    public int[] shape() {
        return new int[] {height, width, 3};
    }

    /** This sample with other pixels of the same shape (an attacked or corrupted copy). */
    public DetectionSample withPixels(float[] values) {
        return new DetectionSample(id, values, width, height, truths);
    }
}
