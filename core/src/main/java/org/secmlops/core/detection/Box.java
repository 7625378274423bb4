package org.secmlops.core.detection;

/**
 * An axis-aligned box in the model's input pixels, with the score and class of a detection (a ground-truth box has
 * score 1).
 *
 * @param x1    left edge
 * @param y1    top edge
 * @param x2    right edge, not left of {@code x1}
 * @param y2    bottom edge, not above {@code y1}
 * @param score the detection's score 0..1
 * @param label the class index, from 0
 */
public record Box(float x1, float y1, float x2, float y2, float score, int label) {
    public Box {
        if (!(Float.isFinite(x1) && Float.isFinite(y1) && Float.isFinite(x2) && Float.isFinite(y2))) {
            throw new IllegalArgumentException("box corners must be finite: " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
        if (x2 < x1 || y2 < y1) {
            throw new IllegalArgumentException("box corners out of order: " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
        if (label < 0) {
            throw new IllegalArgumentException("class index must not be negative: " + label);
        }
    }

    /** A ground-truth box of the class. */
    public static Box truth(float x1, float y1, float x2, float y2, int label) {
        return new Box(x1, y1, x2, y2, 1f, label);
    }

    /** The box of centre {@code (cx, cy)}, width {@code w} and height {@code h}. */
    public static Box ofCentre(float cx, float cy, float w, float h, float score, int label) {
        float hw = Math.max(0f, w) / 2f;
        float hh = Math.max(0f, h) / 2f;
        return new Box(cx - hw, cy - hh, cx + hw, cy + hh, score, label);
    }

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return width() * height();
    }

    /** Intersection over union with another box; 0 when both are empty. */
    public double iou(Box other) {
        double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        double union = (double) area() + other.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    /** This box with its corners multiplied by {@code sx}, {@code sy} and shifted by {@code dx}, {@code dy}. */
    public Box transformed(float sx, float sy, float dx, float dy) {
        return new Box(x1 * sx + dx, y1 * sy + dy, x2 * sx + dx, y2 * sy + dy, score, label);
    }
}
