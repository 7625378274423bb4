package org.secmlops.core.robustness;

import java.util.SplittableRandom;

/**
 * One L2 Square Attack proposal for one sample, written into the sample's current point in place: it moves the
 * perturbation mass of two random windows (per channel) into the first, adding a two-lobed pattern of random sign,
 * and sets the second to the clean values (where the pattern all but cancels the window's perturbation, as a 1 × 1
 * window of opposite sign can, the window takes the pattern alone, so that no budget is lost). It remembers what it
 * overwrote, so that a rejected proposal is undone in the time of its windows, and it keeps the squared distance to
 * the clean sample up to date from the changed values alone: no copy of the sample and no pass over it per query.
 * The new values are computed in float (a direction needs no more), the distances in double from the floats
 * actually written. The proposal fills {@value #AIM} of ε², leaving room for the float rounding of the written
 * values; where the tracked distance still comes within 1e-9 of ε² (ε near the float spacing of the values), the
 * first window is pulled towards the clean values until it fits. Reusable; not thread-safe.
 */
final class L2WindowProposal {
    /** The share of ε² a proposal aims to use. */
    static final double AIM = 1 - 1e-4;
    private static final double CERTAIN = 1 - 1e-9;
    /**
     * The window's new length is {@code ‖d + a·p‖² = ‖d‖² + 2a⟨d, p⟩ + a²} for the unit pattern {@code p}, from sums
     * taken while reading the window; where that cancels to below this share of {@code ‖d‖² + a²} it is summed
     * directly instead.
     */
    private static final double CANCELLATION = 1e-6;
    /**
     * Where {@code d + a·p} is shorter than this share of {@code ‖d‖² + a²} (squared), the pattern cancels the
     * window's perturbation and the window takes the pattern alone.
     */
    private static final double CANCELLED = 1e-12;
    /** How much of the first window's perturbation each successive fit keeps; the last makes it clean. */
    private static final double[] KEEP = {0.999, 0.9, 0};

    private int[] indices = new int[0];
    private float[] previous = new float[0];
    private float[] window = new float[0];
    private int count;
    private double squaredDistance;

    /** The squared L2 distance from the clean sample of the point as proposed. */
    double squaredDistance() {
        return squaredDistance;
    }

    /**
     * Writes a proposal into {@code x}, the sample's current point, whose squared distance from the clean sample is
     * {@code current}.
     */
    void propose(Ball ball, float[] x, double current, double eps, int[] size, float[][] patterns,
            SampleGeometry g, SplittableRandom r) {
        float[] clean = ball.clean();
        int h = size[0];
        int w = size[1];
        reserve(2 * h * w * g.channels(), h * w);
        int[] changed = indices;
        float[] old = previous;
        float[] moved = window;
        int stride = g.columnStride();
        int n = 0;
        int top1 = r.nextInt(g.height() - h + 1);
        int left1 = r.nextInt(g.width() - w + 1);
        int top2 = r.nextInt(g.height() - h + 1);
        int left2 = r.nextInt(g.width() - w + 1);
        float[] pattern = patterns[h > 1 && (w == 1 || r.nextBoolean()) ? 0 : 1];
        double spare = Math.max(0, eps * eps * AIM - current) / g.channels();
        double removed = 0;
        double firstAfter = 0;
        for (int c = 0; c < g.channels(); c++) {
            int first = n;
            double squaredWindow = 0;
            double alongPattern = 0;
            for (int row = 0, k = 0; row < h; row++) {
                for (int col = 0, j = g.index(c, top1 + row, left1); col < w; col++, k++, j += stride) {
                    float value = x[j];
                    double d = (double) value - clean[j];
                    moved[k] = value - clean[j];
                    squaredWindow += d * d;
                    alongPattern += d * pattern[k];
                    changed[n] = j;
                    old[n++] = value;
                }
            }
            double freed = squaredWindow;
            for (int row = 0; row < h; row++) {
                int rr = top2 + row;
                int rowStart = g.index(c, rr, 0);
                int end1 = left2 + w;
                int start2 = end1;
                if (rr >= top1 && rr < top1 + h) {
                    end1 = Math.min(end1, left1);
                    start2 = Math.max(left2, left1 + w);
                }
                for (int part = 0; part < 2; part++) {
                    int from = part == 0 ? left2 : start2;
                    int to = part == 0 ? end1 : left2 + w;
                    for (int col = from, j = rowStart + from * stride; col < to; col++, j += stride) {
                        float value = x[j];
                        double d = (double) value - clean[j];
                        freed += d * d;
                        changed[n] = j;
                        old[n++] = value;
                        x[j] = clean[j];
                    }
                }
            }
            removed += freed;
            double budget = Math.sqrt(freed + spare);
            // the budget already covers the window's own length (freed includes it), so it is the push
            double shift = (r.nextBoolean() ? 1 : -1) * budget;
            double squaredLength = squaredWindow + 2 * shift * alongPattern + shift * shift;
            if (!(squaredLength > CANCELLATION * (squaredWindow + shift * shift))) {
                squaredLength = 0;
                for (int k = 0; k < h * w; k++) {
                    double m = moved[k] + shift * pattern[k];
                    squaredLength += m * m;
                }
            }
            double keep = 1;
            if (squaredLength <= CANCELLED * (squaredWindow + shift * shift)) {
                keep = 0;
                squaredLength = shift * shift;
            }
            float scale = (float) (squaredLength > 0 ? budget / Math.sqrt(squaredLength) : 0);
            float keepOld = (float) keep;
            float push = (float) shift;
            for (int k = 0; k < h * w; k++) {
                int j = changed[first + k];
                float v = ball.inRange(j, clean[j] + (keepOld * moved[k] + push * pattern[k]) * scale);
                x[j] = v;
                double e = (double) v - clean[j];
                firstAfter += e * e;
            }
        }
        count = n;
        squaredDistance = current - removed + firstAfter;
        if (squaredDistance > eps * eps * CERTAIN) {
            fit(ball, x, current, removed, eps);
        }
    }

    /**
     * Pulls the first window's values towards the clean ones until the tracked distance is clearly inside the ball
     * (the changed values are recomputed from the floats written, so this takes the time of the windows); at the
     * last try they become the clean values: every changed value then lies at the clean value, no
     * farther from it than in the current point, which was feasible. Where ε is near the float spacing of the
     * values the rounding, not the aim, overshoots, and only the last try fits.
     */
    private void fit(Ball ball, float[] x, double current, double removed, double eps) {
        float[] clean = ball.clean();
        for (int attempt = 0; attempt < KEEP.length && squaredDistance > eps * eps * CERTAIN; attempt++) {
            double keep = KEEP[attempt];
            double after = 0;
            for (int k = 0; k < count; k++) {
                int j = indices[k];
                float v = ball.inRange(j, (float) (clean[j] + ((double) x[j] - clean[j]) * keep));
                x[j] = v;
                double e = (double) v - clean[j];
                after += e * e;
            }
            squaredDistance = current - removed + after;
        }
    }

    /** Puts back every value the last proposal overwrote. */
    void undo(float[] x) {
        for (int k = count - 1; k >= 0; k--) {
            x[indices[k]] = previous[k];
        }
    }

    private void reserve(int values, int windowValues) {
        if (indices.length < values) {
            indices = new int[values];
            previous = new float[values];
        }
        if (window.length < windowValues) {
            window = new float[windowValues];
        }
    }
}
