package org.secmlops.core.capability.detection;

import java.util.List;

/**
 * What a detector evaluation measured. Boxes are compared in the model's input pixels (after resize or letterbox).
 *
 * @param images             images evaluated
 * @param truths             ground-truth boxes
 * @param ap50               AP at IoU 0.5 (all-point), mean over the classes with ground truth
 * @param ap                 COCO-style AP over IoU 0.50:0.95, mean over the classes with ground truth
 * @param precision          true positives among all detections at or above the score threshold (IoU ≥ 0.5)
 * @param recall             ground-truth boxes found at the score threshold, over all classes
 * @param missRate           1 − recall: the operating miss rate the attack rows are compared with
 * @param logAverageMissRate MR⁻², mean over the classes with ground truth
 * @param latencyP50Millis   median model time per image, milliseconds (batch of one)
 * @param latencyP95Millis   95th percentile of it
 * @param fps                images per second of model time (decoding and NMS included)
 * @param decoder            the output layout and thresholds in words
 * @param scoreThreshold     the operating score threshold
 * @param engine             engine and version
 * @param device             where it ran
 * @param perClass           the metrics per class with ground truth or detections
 * @param attacks            the attacks run (with their random baselines); empty when none
 * @param corruptions        the corruptions run; empty when none
 */
public record DetectionReport(long images, long truths, double ap50, double ap, double precision, double recall,
        double missRate, double logAverageMissRate, double latencyP50Millis, double latencyP95Millis, double fps,
        String decoder, double scoreThreshold, String engine, String device, List<ClassDetection> perClass,
        List<DetectionAttackRow> attacks, List<DetectionCorruptionRow> corruptions) {
    public DetectionReport {
        perClass = List.copyOf(perClass);
        attacks = List.copyOf(attacks);
        corruptions = List.copyOf(corruptions);
    }

    /** This report with the attacks' rows. */
    public DetectionReport withAttacks(List<DetectionAttackRow> rows) {
        return new DetectionReport(images, truths, ap50, ap, precision, recall, missRate, logAverageMissRate,
                latencyP50Millis, latencyP95Millis, fps, decoder, scoreThreshold, engine, device, perClass, rows,
                corruptions);
    }

    /** This report with the corruptions' rows. */
    public DetectionReport withCorruptions(List<DetectionCorruptionRow> rows) {
        return new DetectionReport(images, truths, ap50, ap, precision, recall, missRate, logAverageMissRate,
                latencyP50Millis, latencyP95Millis, fps, decoder, scoreThreshold, engine, device, perClass, attacks,
                rows);
    }
}
