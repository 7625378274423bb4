package org.secmlops.core.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.secmlops.core.capability.detection.ClassDetection;

/**
 * The accuracy metrics of detections against ground truth: per class, and overall as the mean over the classes
 * with ground truth (AP, MR⁻²) or pooled over all boxes (precision, recall, miss rate at the score threshold).
 *
 * @param ap50               mean AP@0.5 (all-point)
 * @param ap                 mean COCO-style AP@[.5:.95]
 * @param precision          pooled precision at the threshold, IoU 0.5; 0 without detections
 * @param recall             pooled recall at the threshold, IoU 0.5
 * @param missRate           1 − recall
 * @param logAverageMissRate mean MR⁻²
 * @param truths             ground-truth boxes
 * @param falsePositivesPerImage detections at or above the threshold matching nothing, per image
 * @param perClass           per class seen in the ground truth or the detections, by class index
 */
public record DetectionScores(double ap50, double ap, double precision, double recall, double missRate,
        double logAverageMissRate, long truths, double falsePositivesPerImage, List<ClassDetection> perClass) {
    /** The IoU of a match for precision, recall, miss rate, AP@0.5 and MR⁻². */
    public static final double MATCH_IOU = 0.5;

    public DetectionScores {
        perClass = List.copyOf(perClass);
    }

    /**
     * Scores the images' detections.
     *
     * @param scoreThreshold detections scoring at least this count for precision, recall and miss rate
     */
    public static DetectionScores of(List<ImageDetections> images, float scoreThreshold) {
        TreeSet<Integer> labels = new TreeSet<>();
        for (ImageDetections image : images) {
            image.truths().forEach(b -> labels.add(b.label()));
            image.detections().forEach(b -> labels.add(b.label()));
        }
        List<ClassDetection> perClass = new ArrayList<>();
        long truths = 0;
        long found = 0;
        long detections = 0;
        double ap50 = 0;
        double ap = 0;
        double mr = 0;
        int withTruth = 0;
        for (int label : labels) {
            RankedMatches at50 = RankedMatches.of(images, label, MATCH_IOU);
            double classAp = 0;
            for (int step = 0; step < 10; step++) {
                classAp += RankedMatches.of(images, label, 0.5 + 0.05 * step).cocoAveragePrecision();
            }
            classAp /= 10;
            long tp = at50.truePositivesAtOrAbove(scoreThreshold);
            long n = at50.detectionsAtOrAbove(scoreThreshold);
            ClassDetection row = new ClassDetection(label, at50.truths(), n, n == 0 ? 0 : (double) tp / n,
                    at50.truths() == 0 ? 0 : (double) tp / at50.truths(), at50.allPointAveragePrecision(), classAp,
                    at50.logAverageMissRate());
            perClass.add(row);
            truths += at50.truths();
            found += tp;
            detections += n;
            if (at50.truths() > 0) {
                withTruth++;
                ap50 += row.ap50();
                ap += row.ap();
                mr += row.logAverageMissRate();
            }
        }
        double recall = truths == 0 ? 0 : (double) found / truths;
        return new DetectionScores(withTruth == 0 ? 0 : ap50 / withTruth, withTruth == 0 ? 0 : ap / withTruth,
                detections == 0 ? 0 : (double) found / detections, recall, truths == 0 ? 0 : 1 - recall,
                withTruth == 0 ? 0 : mr / withTruth, truths,
                images.isEmpty() ? 0 : (double) (detections - found) / images.size(), perClass);
    }
}
