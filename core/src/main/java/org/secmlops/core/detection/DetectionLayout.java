package org.secmlops.core.detection;

import java.util.Locale;

/**
 * How a detector lays out its output for one image ({@code K} candidates, {@code C} classes, {@code M} final
 * detections; coordinates in input pixels).
 */
public enum DetectionLayout {
    /** {@code [K, 5 + C]}: cx, cy, w, h, objectness probability, C class probabilities; score = objectness × class. */
    YOLOV5("yolov5"),
    /** {@code [4 + C, K]}: cx, cy, w, h, C class probabilities (no objectness); score = class probability. */
    YOLOV8("yolov8"),
    /** {@code [M, 6]} after the model's own NMS: x1, y1, x2, y2, score, class. */
    BOXES("boxes");

    private final String id;

    DetectionLayout(String id) {
        this.id = id;
    }

    /** The name on the command line, e.g. {@code yolov5}. */
    public String id() {
        return id;
    }

    /**
     * The layout of a name ({@code yolov5}, {@code yolov8}, {@code boxes}; any case).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static DetectionLayout parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (DetectionLayout layout : values()) {
            if (layout.id.equals(key)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("Unknown detection layout '" + text + "': use yolov5, yolov8 or boxes");
    }
}
