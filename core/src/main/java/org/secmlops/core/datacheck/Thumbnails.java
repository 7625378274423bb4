package org.secmlops.core.datacheck;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.secmlops.core.capability.datacheck.DataCheckHtml;

/**
 * Small PNG pictures of image samples as {@code data:} URIs, for the report. A sample is an image when its raw shape
 * is {@code [H, W]} or {@code [H, W, C]} with 1 or 3 channels and it has at most 256×256 pixels. 8-bit samples keep
 * their values; others are stretched from their own minimum to maximum.
 */
final class Thumbnails {
    static final String PREFIX = "data:image/png;base64,";
    private static final int MAX_SIDE = 256;

    private Thumbnails() {
    }

    static boolean isImage(int[] shape) {
        return (shape.length == 2 || shape.length == 3 && (shape[2] == 1 || shape[2] == 3))
                && shape[0] <= MAX_SIDE && shape[1] <= MAX_SIDE;
    }

    /** Whether text is a PNG data URI and nothing else (checked before it goes into an attribute). */
    static boolean isDataUri(String text) {
        return DataCheckHtml.isPngDataUri(text);
    }

    /** The picture, or {@code null} when the sample is not an image. */
    static String of(float[] raw, int[] shape, boolean eightBit) {
        if (!isImage(shape)) {
            return null;
        }
        int h = shape[0];
        int w = shape[1];
        int channels = shape.length == 3 ? shape[2] : 1;
        float min = 0;
        float max = 255;
        if (!eightBit) {
            min = Float.POSITIVE_INFINITY;
            max = Float.NEGATIVE_INFINITY;
            for (float v : raw) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float range = max > min ? max - min : 1;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = (y * w + x) * channels;
                int[] rgb = new int[3];
                for (int c = 0; c < 3; c++) {
                    float v = raw[base + (channels == 3 ? c : 0)];
                    rgb[c] = Math.max(0, Math.min(255, Math.round((v - min) / range * 255)));
                }
                image.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PREFIX + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
