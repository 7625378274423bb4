package org.secmlops.core.capability.detection;

/**
 * The detection metrics of one class.
 *
 * @param label              the class index
 * @param truths             ground-truth boxes of the class
 * @param detections         detections of the class at or above the score threshold
 * @param precision          true positives (IoU ≥ 0.5) among those detections; 0 without detections
 * @param recall             ground-truth boxes found by those detections; 0 without ground truth
 * @param ap50               AP at IoU 0.5, all-point interpolation
 * @param ap                 COCO-style AP averaged over IoU 0.50, 0.55, …, 0.95 (101-point interpolation)
 * @param logAverageMissRate the Caltech log-average miss rate MR⁻² over 10⁻²…10⁰ false positives per image
 */
public record ClassDetection(int label, long truths, long detections, double precision, double recall, double ap50,
        double ap, double logAverageMissRate) {
}
