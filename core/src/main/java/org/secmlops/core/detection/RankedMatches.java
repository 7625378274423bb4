package org.secmlops.core.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The detections of one class over all images, ranked by score (highest first; ties in image order), each marked
 * true or false positive at an IoU threshold: greedily, in rank order, a detection takes the unmatched ground-truth
 * box of its image and class that it overlaps most, if that overlap is at least the threshold (COCO's rule).
 *
 * @param truePositive whether the detection at each rank is a true positive
 * @param scores       the score at each rank
 * @param truths       the ground-truth boxes of the class
 * @param images       the images evaluated
 */
public record RankedMatches(boolean[] truePositive, float[] scores, long truths, long images) {
    public RankedMatches {
        truePositive = truePositive.clone();
        scores = scores.clone();
    }

    @Override
    public boolean[] truePositive() {
        return truePositive.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    /**
     * Ranks and matches the detections of class {@code label}.
     *
     * @param images       per image: its ground truth and its detections
     * @param label        the class
     * @param iouThreshold the least IoU of a match
     */
    public static RankedMatches of(List<ImageDetections> images, int label, double iouThreshold) {
        record Ranked(int image, Box box) {
        }
        List<Ranked> ranked = new ArrayList<>();
        long truths = 0;
        List<List<Box>> truthsOf = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            List<Box> t = images.get(i).truths().stream().filter(b -> b.label() == label).toList();
            truthsOf.add(t);
            truths += t.size();
            for (Box d : images.get(i).detections()) {
                if (d.label() == label) {
                    ranked.add(new Ranked(i, d));
                }
            }
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> r.box().score()).reversed());
        List<boolean[]> taken = truthsOf.stream().map(t -> new boolean[t.size()]).toList();
        boolean[] tp = new boolean[ranked.size()];
        float[] scores = new float[ranked.size()];
        for (int r = 0; r < ranked.size(); r++) {
            Ranked d = ranked.get(r);
            scores[r] = d.box().score();
            List<Box> t = truthsOf.get(d.image());
            boolean[] used = taken.get(d.image());
            int best = -1;
            double bestIou = iouThreshold;
            for (int g = 0; g < t.size(); g++) {
                double iou = used[g] ? -1 : d.box().iou(t.get(g));
                if (iou >= bestIou) {
                    bestIou = iou;
                    best = g;
                }
            }
            if (best >= 0) {
                used[best] = true;
                tp[r] = true;
            }
        }
        return new RankedMatches(tp, scores, truths, images.size());
    }

    /**
     * AP with all-point interpolation (Pascal VOC since 2010): the area under the precision–recall curve whose
     * precision at each recall is the best precision at that recall or above. 0 without ground truth.
     */
    public double allPointAveragePrecision() {
        if (truths == 0) {
            return 0;
        }
        double[] precision = new double[truePositive.length];
        double[] recall = new double[truePositive.length];
        curve(precision, recall);
        for (int i = precision.length - 2; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        double ap = 0;
        double previousRecall = 0;
        for (int i = 0; i < recall.length; i++) {
            if (recall[i] > previousRecall) {
                ap += (recall[i] - previousRecall) * precision[i];
                previousRecall = recall[i];
            }
        }
        return ap;
    }

    /**
     * AP with COCO's 101-point interpolation: the mean, over recall 0, 0.01, …, 1, of the best precision at that
     * recall or above (0 where the recall is never reached). 0 without ground truth.
     */
    public double cocoAveragePrecision() {
        if (truths == 0) {
            return 0;
        }
        double[] precision = new double[truePositive.length];
        double[] recall = new double[truePositive.length];
        curve(precision, recall);
        for (int i = precision.length - 2; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        double sum = 0;
        int rank = 0;
        for (int step = 0; step <= 100; step++) {
            double target = step / 100.0;
            while (rank < recall.length && recall[rank] < target - 1e-12) {
                rank++;
            }
            sum += rank < recall.length ? precision[rank] : 0;
        }
        return sum / 101;
    }

    /** True positives among the detections scoring at least {@code threshold}. */
    public long truePositivesAtOrAbove(float threshold) {
        long count = 0;
        for (int i = 0; i < scores.length && scores[i] >= threshold; i++) {
            count += truePositive[i] ? 1 : 0;
        }
        return count;
    }

    /** Detections scoring at least {@code threshold}. */
    public long detectionsAtOrAbove(float threshold) {
        long count = 0;
        for (int i = 0; i < scores.length && scores[i] >= threshold; i++) {
            count++;
        }
        return count;
    }

    /**
     * The log-average miss rate MR⁻² of the Caltech pedestrian benchmark (Dollár et al.): the miss-rate–FPPI curve
     * over all score thresholds (starting at no detection: miss rate 1, FPPI 0); at each of the nine FPPI reference
     * points 10^-2, 10^-1.75, …, 10^0 the miss rate of the curve's last point whose FPPI does not exceed it; their
     * geometric mean (each at least 10⁻¹⁰). 0 without ground truth.
     */
    public double logAverageMissRate() {
        if (truths == 0) {
            return 0;
        }
        double[] missRate = new double[truePositive.length + 1];
        double[] fppi = new double[truePositive.length + 1];
        missRate[0] = 1;
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < truePositive.length; i++) {
            if (truePositive[i]) {
                tp++;
            } else {
                fp++;
            }
            missRate[i + 1] = 1 - (double) tp / truths;
            fppi[i + 1] = (double) fp / images;
        }
        double logSum = 0;
        for (int k = 0; k < 9; k++) {
            double reference = Math.pow(10, -2 + 0.25 * k);
            double at = 1;
            for (int i = 0; i < fppi.length && fppi[i] <= reference; i++) {
                at = missRate[i];
            }
            logSum += Math.log(Math.max(1e-10, at));
        }
        return Math.exp(logSum / 9);
    }

    private void curve(double[] precision, double[] recall) {
        long tp = 0;
        for (int i = 0; i < truePositive.length; i++) {
            tp += truePositive[i] ? 1 : 0;
            precision[i] = (double) tp / (i + 1);
            recall[i] = (double) tp / truths;
        }
    }
}
