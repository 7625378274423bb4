package org.secmlops.core.detection;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits an image to the model's input size, by stretching it (resize) or by scaling it to fit and padding the rest
 * with gray 114 (letterbox, as YOLO does), and moves its boxes with it.
 *
 * @param width     the target width
 * @param height    the target height
 * @param letterbox whether to keep the aspect ratio and pad
 */
public record ImageFit(int width, int height, boolean letterbox) {
    /** The gray the letterbox pads with. */
    public static final int PAD = 114;

    public ImageFit {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("the image size must be positive: " + width + "x" + height);
        }
    }

    /** The image's pixels at the target size, 0..255 row-major RGB, and its boxes moved with it. */
    public DetectionSample apply(String id, BufferedImage image, List<Box> boxes) {
        int w = image.getWidth();
        int h = image.getHeight();
        float sx = (float) width / w;
        float sy = (float) height / h;
        float dx = 0;
        float dy = 0;
        int drawW = width;
        int drawH = height;
        if (letterbox) {
            float s = Math.min(sx, sy);
            sx = s;
            sy = s;
            drawW = Math.round(w * s);
            drawH = Math.round(h * s);
            dx = (width - drawW) / 2f;
            dy = (height - drawH) / 2f;
        }
        BufferedImage fitted = image;
        if (w != width || h != height || image.getType() != BufferedImage.TYPE_INT_RGB) {
            fitted = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = fitted.createGraphics();
            g.setColor(new java.awt.Color(PAD, PAD, PAD));
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, Math.round(dx), Math.round(dy), drawW, drawH, null);
            g.dispose();
        }
        float[] pixels = new float[width * height * 3];
        int[] rgb = fitted.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            pixels[3 * i] = (rgb[i] >> 16) & 0xff;
            pixels[3 * i + 1] = (rgb[i] >> 8) & 0xff;
            pixels[3 * i + 2] = rgb[i] & 0xff;
        }
        List<Box> moved = new ArrayList<>(boxes.size());
        for (Box b : boxes) {
            moved.add(b.transformed(sx, sy, Math.round(dx), Math.round(dy)));
        }
        return new DetectionSample(id, pixels, width, height, moved);
    }
}
