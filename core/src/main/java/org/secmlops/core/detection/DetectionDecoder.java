package org.secmlops.core.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a detector's flat output for one image into detections: the candidates of its {@link DetectionLayout}
 * with a score of at least the floor, then class-wise NMS ({@link Nms}) for the raw layouts; a {@code boxes} output is
 * taken as it is (its own NMS already ran) apart from the floor.
 *
 * @param layout         the output layout
 * @param classes        the number of classes C of a raw layout (ignored for {@code boxes}), positive
 * @param scoreThreshold the operating threshold: detections at or above it count as detections for precision,
 *                       recall and the miss rate
 * @param nmsIou         boxes of a class overlapping a better one by more than this IoU are dropped
 * @param maxDetections  at most this many detections per image are kept, positive
 */
public record DetectionDecoder(DetectionLayout layout, int classes, float scoreThreshold, float nmsIou,
        int maxDetections) {
    /** The lowest score kept for the threshold-free metrics (AP, MR⁻²). */
    public static final float EVALUATION_FLOOR = 0.001f;
    /** The default operating threshold. */
    public static final float DEFAULT_SCORE_THRESHOLD = 0.25f;
    /** The default NMS IoU threshold. */
    public static final float DEFAULT_NMS_IOU = 0.45f;
    /** The default cap on detections per image (as COCO's evaluation). */
    public static final int DEFAULT_MAX_DETECTIONS = 100;

    public DetectionDecoder {
        java.util.Objects.requireNonNull(layout, "layout");
        if (classes <= 0) {
            throw new IllegalArgumentException("the number of classes must be positive, not " + classes);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("the score threshold must be in (0, 1), not " + scoreThreshold);
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw new IllegalArgumentException("the NMS IoU threshold must be in (0, 1], not " + nmsIou);
        }
        if (maxDetections <= 0) {
            throw new IllegalArgumentException("the maximum of detections must be positive, not " + maxDetections);
        }
    }

    /** A decoder with the default thresholds. */
    public static DetectionDecoder of(DetectionLayout layout, int classes) {
        return new DetectionDecoder(layout, classes, DEFAULT_SCORE_THRESHOLD, DEFAULT_NMS_IOU, DEFAULT_MAX_DETECTIONS);
    }

    /** This decoder with other score and NMS thresholds. */
    public DetectionDecoder withThresholds(float score, float iou) {
        return new DetectionDecoder(layout, classes, score, iou, maxDetections);
    }

    /** The number of values one candidate row has ({@code 5 + C}, {@code 4 + C}, 6). */
    public int rowWidth() {
        return switch (layout) {
            case YOLOV5 -> 5 + classes;
            case YOLOV8 -> 4 + classes;
            case BOXES -> 6;
        };
    }

    /**
     * The candidates of one image's output whose score is at least {@code floor}, in output order.
     *
     * @throws IllegalArgumentException when the output's length is not a multiple of {@link #rowWidth()}
     */
    public List<Candidate> candidates(float[] output, float floor) {
        int width = rowWidth();
        if (output.length % width != 0) {
            throw new IllegalArgumentException("a " + layout.id() + " output of " + output.length
                    + " values is not a whole number of candidates of " + width + " values (" + describe() + ")");
        }
        int rows = output.length / width;
        List<Candidate> found = new ArrayList<>();
        for (int k = 0; k < rows; k++) {
            Candidate c = switch (layout) {
                case YOLOV5 -> yolov5(output, k, floor);
                case YOLOV8 -> yolov8(output, k, rows, floor);
                case BOXES -> boxes(output, k, floor);
            };
            if (c != null) {
                found.add(c);
            }
        }
        return found;
    }

    /** The detections of one image: candidates with a score of at least {@link #EVALUATION_FLOOR}, after NMS. */
    public List<Box> decode(float[] output) {
        List<Box> boxes = new ArrayList<>();
        for (Candidate c : candidates(output, Math.min(EVALUATION_FLOOR, scoreThreshold))) {
            boxes.add(c.box());
        }
        if (layout == DetectionLayout.BOXES) {
            boxes.sort(java.util.Comparator.comparingDouble(Box::score).reversed());
            return List.copyOf(boxes.subList(0, Math.min(boxes.size(), maxDetections)));
        }
        return Nms.suppress(boxes, nmsIou, maxDetections);
    }

    /** E.g. {@code yolov5, 1 class, score ≥ 0.25, NMS IoU 0.45}. */
    public String describe() {
        String head = layout == DetectionLayout.BOXES ? "boxes (post-NMS)"
                : layout.id() + ", " + classes + (classes == 1 ? " class" : " classes");
        return head + ", score ≥ " + scoreThreshold + (layout == DetectionLayout.BOXES ? "" : ", NMS IoU " + nmsIou);
    }

    private Candidate yolov5(float[] out, int k, float floor) {
        int base = k * rowWidth();
        float objectness = out[base + 4];
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (out[base + 5 + c] > out[base + 5 + best]) {
                best = c;
            }
        }
        float classProbability = out[base + 5 + best];
        float score = objectness * classProbability;
        if (!(score >= floor)) {
            return null;
        }
        Box box = Box.ofCentre(out[base], out[base + 1], out[base + 2], out[base + 3], score, best);
        return new Candidate(box, new int[] {base + 4, base + 5 + best}, new float[] {classProbability, objectness});
    }

    private Candidate yolov8(float[] out, int k, int rows, float floor) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (out[(4 + c) * rows + k] > out[(4 + best) * rows + k]) {
                best = c;
            }
        }
        int scoreIndex = (4 + best) * rows + k;
        float score = out[scoreIndex];
        if (!(score >= floor)) {
            return null;
        }
        Box box = Box.ofCentre(out[k], out[rows + k], out[2 * rows + k], out[3 * rows + k], score, best);
        return new Candidate(box, new int[] {scoreIndex}, new float[] {1f});
    }

    private Candidate boxes(float[] out, int k, float floor) {
        int base = k * 6;
        float score = out[base + 4];
        if (!(score >= floor)) {
            return null;
        }
        float x1 = Math.min(out[base], out[base + 2]);
        float x2 = Math.max(out[base], out[base + 2]);
        float y1 = Math.min(out[base + 1], out[base + 3]);
        float y2 = Math.max(out[base + 1], out[base + 3]);
        int label = Math.max(0, Math.round(out[base + 5]));
        return new Candidate(new Box(x1, y1, x2, y2, score, label), new int[] {base + 4}, new float[] {1f});
    }
}
