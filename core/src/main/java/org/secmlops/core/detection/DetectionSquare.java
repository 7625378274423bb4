package org.secmlops.core.detection;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.robustness.SampleGeometry;

/**
 * A Square-style black-box attack (after Andriushchenko et al. 2020) on the vanishing loss, for engines without
 * gradients: from vertical stripes of ±ε over the whole image, each query sets one random square inside a random
 * ground-truth box (the objects to hide) to ±ε per channel around the clean image and keeps it when the loss (the
 * objects' candidates' scores) goes down. The square covers a share {@code p} of the box that starts at 0.25 and
 * halves after 10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000 queries of a budget scaled to 10 000, as in the paper.
 * An image without ground truth is left as it is.
 *
 * @param epsilon the L∞ budget in input units, positive
 * @param queries model calls per image, positive
 */
public record DetectionSquare(float epsilon, int queries) implements DetectionAttack {
    public DetectionSquare {
        if (!(epsilon > 0) || queries <= 0) {
            throw new IllegalArgumentException("the Square attack needs ε > 0 and queries > 0");
        }
    }

    @Override
    public String id() {
        return "vanishing-square";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "black-box, L∞ ε = %.4g, %d queries", epsilon, queries);
    }

    @Override
    public float[] perturb(Detector detector, DetectionSample sample, float[] input, SplittableRandom random)
            throws ModelException {
        DetectionLoss loss = DetectionLoss.vanishing(sample.truths());
        SampleGeometry g = detector.geometry();
        float[] low = detector.bounds().low();
        float[] high = detector.bounds().high();
        float[] x = input.clone();
        for (int c = 0; c < g.channels(); c++) {
            for (int col = 0; col < g.width(); col++) {
                float delta = random.nextBoolean() ? epsilon : -epsilon;
                for (int r = 0; r < g.height(); r++) {
                    int i = g.index(c, r, col);
                    x[i] = Math.min(high[i], Math.max(low[i], input[i] + delta));
                }
            }
        }
        List<Box> boxes = sample.truths();
        if (boxes.isEmpty()) {
            return input.clone();
        }
        double current = loss.value(detector, detector.output(x));
        for (int q = 1; q < queries && current > 0; q++) {
            Box box = boxes.get(random.nextInt(boxes.size()));
            int x1 = Math.max(0, (int) Math.floor(box.x1()));
            int y1 = Math.max(0, (int) Math.floor(box.y1()));
            int x2 = Math.min(g.width(), Math.max(x1 + 1, (int) Math.ceil(box.x2())));
            int y2 = Math.min(g.height(), Math.max(y1 + 1, (int) Math.ceil(box.y2())));
            if (x1 >= x2 || y1 >= y2) {
                continue;
            }
            int side = side(q, x2 - x1, y2 - y1);
            int top = y1 + random.nextInt(y2 - y1 - side + 1);
            int left = x1 + random.nextInt(x2 - x1 - side + 1);
            float[] candidate = x.clone();
            for (int c = 0; c < g.channels(); c++) {
                float delta = random.nextBoolean() ? epsilon : -epsilon;
                for (int r = top; r < top + side; r++) {
                    for (int col = left; col < left + side; col++) {
                        int i = g.index(c, r, col);
                        candidate[i] = Math.min(high[i], Math.max(low[i], input[i] + delta));
                    }
                }
            }
            double value = loss.value(detector, detector.output(candidate));
            if (value < current) {
                current = value;
                x = candidate;
            }
        }
        return x;
    }

    private int side(int query, int width, int height) {
        int scaled = (int) ((long) query * 10_000 / queries);
        double p = 0.25;
        for (int mark : new int[] {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000}) {
            if (scaled > mark) {
                p /= 2;
            }
        }
        int side = (int) Math.round(Math.sqrt(p * width * height));
        return Math.max(1, Math.min(side, Math.min(width, height)));
    }
}
