package org.secmlops.core.detection;

import java.util.List;
import java.util.Objects;

/**
 * One image's ground truth and detections, in the model's input pixels.
 *
 * @param id         the image's sample id (its path)
 * @param truths     ground-truth boxes
 * @param detections the decoded detections (after NMS), any order
 */
public record ImageDetections(String id, List<Box> truths, List<Box> detections) {
    public ImageDetections {
        Objects.requireNonNull(id, "id");
        truths = List.copyOf(truths);
        detections = List.copyOf(detections);
    }
}
