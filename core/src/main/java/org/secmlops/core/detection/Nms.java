package org.secmlops.core.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Class-wise greedy non-maximum suppression. */
public final class Nms {
    private Nms() {
    }

    /**
     * Keeps, per class, the highest-scoring boxes and drops every box that overlaps a kept box of its class by more
     * than {@code iouThreshold}; at most {@code maxDetections} boxes, highest score first.
     */
    public static List<Box> suppress(List<Box> boxes, double iouThreshold, int maxDetections) {
        List<Box> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(Box::score).reversed());
        List<Box> kept = new ArrayList<>();
        for (Box candidate : sorted) {
            if (kept.size() >= maxDetections) {
                break;
            }
            boolean suppressed = false;
            for (Box k : kept) {
                if (k.label() == candidate.label() && k.iou(candidate) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(candidate);
            }
        }
        return kept;
    }
}
