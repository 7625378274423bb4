package org.secmlops.core.robustness;

import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;

/**
 * Square Attack, Andriushchenko et al. 2020: a score-based black-box random search on the margin loss
 * {@code z_y − max_{k≠y} z_k}, forward passes only (runs on ONNX). Each iteration proposes, per sample, a change
 * confined to a random square window (a window of the flat vector for non-image samples) whose side shrinks on the
 * paper's schedule for the fraction {@code p} of changed pixels (initial 0.8, halved at 10, 50, 200, 500, 1000,
 * 2000, 4000, 6000 and 8000 of 10 000 iterations, rescaled to the query budget), and keeps it when the margin
 * falls.
 *
 * <ul>
 *   <li>L∞: starts from vertical stripes of ±ε; a proposal sets the window to a random ±ε per channel.</li>
 *   <li>L2: starts from vertical stripes of ±1 scaled to a squared length of (1 − 10⁻⁴) ε²; a proposal moves the
 *       perturbation mass of two random windows into the first, adding a centred two-lobed pattern of random sign
 *       per channel, and keeps the total length ≤ ε (a simplified version of the paper's L2 update; start and
 *       proposals aim at 1 − 10⁻⁴ of ε², leaving room for rounding).</li>
 * </ul>
 * A sample stops querying as soon as it is misclassified. Cost per sample: at most {@code queries} forward passes.
 *
 * @param norm     the norm of the budget
 * @param queries  forward passes per sample, at least 2
 * @param pInit    initial fraction of changed pixels, in (0, 1]
 */
public record SquareAttack(Norm norm, int queries, double pInit) implements Attack {
    private static final int[] SCHEDULE = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
    /** The fixed cost of an L2 proposal (random draws, loop set-up), in window values. */
    private static final int PROPOSAL_SETUP = 16;

    public SquareAttack {
        if (queries < 2 || !(pInit > 0 && pInit <= 1)) {
            throw new IllegalArgumentException("Square Attack needs at least 2 queries and 0 < p <= 1");
        }
    }

    /** With the AutoAttack default p = 0.8. */
    public SquareAttack(Norm norm, int queries) {
        this(norm, queries, 0.8);
    }

    @Override
    public String name() {
        return "square";
    }

    @Override
    public boolean whiteBox() {
        return false;
    }

    /** The fraction of pixels changed at iteration {@code it} of {@code total}. */
    static double fraction(double pInit, int it, int total) {
        int rescaled = (int) ((long) it * 10_000 / Math.max(1, total));
        double p = pInit;
        for (int threshold : SCHEDULE) {
            if (rescaled > threshold) {
                p /= 2;
            }
        }
        return p;
    }

    @Override
    public float[][] perturb(AttackTarget target, float[][] clean, int[] labels, double eps, SplittableRandom random)
            throws ModelException, InterruptedException {
        SampleGeometry g = target.geometry();
        int n = clean.length;
        Ball[] balls = Rows.balls(clean, eps, norm, target.bounds());
        float[][] best = new float[n][];
        double[] distance = new double[n];
        for (int i = 0; i < n; i++) {
            best[i] = initial(balls[i], eps, g, random);
            if (norm == Norm.L2) {
                distance[i] = checkedSquaredDistance(best[i], balls[i], eps);
            }
        }
        float[][] outputs = target.predict(best);
        double[] margin = new double[n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            margin[i] = Losses.margin(outputs[i], labels[i]);
            done[i] = margin[i] < 0;
        }
        if (norm == Norm.LINF) {
            searchInf(target, labels, balls, best, margin, done, g, random);
        } else {
            searchL2(target, labels, eps, balls, best, distance, margin, done, g, random);
        }
        return best;
    }

    /**
     * L∞ search. A proposal changes only a window, so it is written into the sample's best point in place and the
     * window's old values are put back when the margin does not fall: no copy of the sample per query. One random
     * long places the window (its halves scaled to the free rows and columns), one more gives up to 64 channel
     * signs; samples leave the active list as they break.
     */
    private void searchInf(AttackTarget target, int[] labels, Ball[] balls, float[][] best, double[] margin,
            boolean[] done, SampleGeometry g, SplittableRandom random) throws ModelException, InterruptedException {
        int iterations = queries - 1;
        int[] active = Rows.open(done);
        int count = active.length;
        float[][] saved = new float[count][];
        int[] corner = new int[count * 2];
        for (int it = 0; it < iterations && count > 0; it++) {
            int[] size = window(fraction(pInit, it, iterations), g);
            int values = size[0] * size[1] * g.channels();
            long rows = g.height() - size[0] + 1;
            long cols = g.width() - size[1] + 1;
            float[][] candidates = new float[count][];
            for (int a = 0; a < count; a++) {
                int i = active[a];
                if (saved[a] == null || saved[a].length < values) {
                    saved[a] = new float[values];
                }
                long place = random.nextLong();
                int top = (int) ((place >>> 32) * rows >>> 32);
                int left = (int) ((place & 0xFFFFFFFFL) * cols >>> 32);
                corner[2 * a] = top;
                corner[2 * a + 1] = left;
                float[] x = best[i];
                Ball ball = balls[i];
                float[] keep = saved[a];
                int k = 0;
                long signs = 0;
                for (int c = 0; c < g.channels(); c++) {
                    if ((c & 63) == 0) {
                        signs = random.nextLong();
                    }
                    boolean up = (signs >>> (c & 63) & 1) != 0;
                    for (int row = top; row < top + size[0]; row++) {
                        for (int col = left; col < left + size[1]; col++) {
                            int j = g.index(c, row, col);
                            keep[k++] = x[j];
                            x[j] = up ? ball.high(j) : ball.low(j);
                        }
                    }
                }
                candidates[a] = x;
            }
            float[][] scores = target.predict(candidates);
            int kept = 0;
            for (int a = 0; a < count; a++) {
                int i = active[a];
                double m = Losses.margin(scores[a], labels[i]);
                if (m < margin[i]) {
                    margin[i] = m;
                    done[i] = m < 0;
                } else {
                    restore(best[i], saved[a], corner[2 * a], corner[2 * a + 1], size, g);
                }
                if (!done[i]) {
                    float[] buffer = saved[kept];
                    saved[kept] = saved[a];
                    saved[a] = buffer;
                    active[kept++] = i;
                }
            }
            count = kept;
        }
    }

    private static void restore(float[] x, float[] saved, int top, int left, int[] size, SampleGeometry g) {
        int k = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int row = top; row < top + size[0]; row++) {
                for (int col = left; col < left + size[1]; col++) {
                    x[g.index(c, row, col)] = saved[k++];
                }
            }
        }
    }

    /**
     * L2 search: each proposal is written into the sample's point in place and undone when rejected
     * ({@link L2WindowProposal}); the squared distance of every point is tracked, so a query costs the windows,
     * not the sample. Each sample draws its proposals from its own random stream, split off in sample order, so
     * that proposals and their acceptance can be split over the cores the model leaves idle between queries
     * without the result depending on the threads.
     */
    private void searchL2(AttackTarget target, int[] labels, double eps, Ball[] balls, float[][] best,
            double[] distance, double[] margin, boolean[] done, SampleGeometry g, SplittableRandom random)
            throws ModelException, InterruptedException {
        int iterations = queries - 1;
        int[] active = Rows.open(done);
        int count = active.length;
        L2WindowProposal[] proposals = new L2WindowProposal[count];
        for (int a = 0; a < count; a++) {
            proposals[a] = new L2WindowProposal();
        }
        SplittableRandom[] streams = new SplittableRandom[best.length];
        for (int i = 0; i < best.length; i++) {
            streams[i] = random.split();
        }
        for (int it = 0; it < iterations && count > 0; it++) {
            int[] size = window(fraction(pInit, it, iterations), g);
            float[][] patterns = {pattern(size[0], size[1], true), pattern(size[0], size[1], false)};
            float[][] candidates = new float[count][];
            int[] open = active;
            int proposalCost = 2 * size[0] * size[1] * g.channels() + PROPOSAL_SETUP;
            Rows.forEach(count, proposalCost, Rows.PROPOSAL, a -> {
                int i = open[a];
                proposals[a].propose(balls[i], best[i], distance[i], eps, size, patterns, g, streams[i]);
                candidates[a] = best[i];
            });
            float[][] scores = target.predict(candidates);
            Rows.forEach(count, proposalCost, Rows.PROPOSAL / 2, a -> {
                int i = open[a];
                double m = Losses.margin(scores[a], labels[i]);
                if (m < margin[i]) {
                    margin[i] = m;
                    distance[i] = proposals[a].squaredDistance();
                    done[i] = m < 0;
                } else {
                    proposals[a].undo(best[i]);
                }
            });
            int kept = 0;
            for (int a = 0; a < count; a++) {
                int i = active[a];
                if (!done[i]) {
                    L2WindowProposal proposal = proposals[kept];
                    proposals[kept] = proposals[a];
                    proposals[a] = proposal;
                    active[kept++] = i;
                }
            }
            count = kept;
        }
    }

    /**
     * The starting point: vertical stripes of ±ε (L∞) or of ±1 scaled to a squared length of {@link
     * L2WindowProposal#AIM} ε² (L2), clipped into the valid range as they are written.
     */
    private float[] initial(Ball ball, double eps, SampleGeometry g, SplittableRandom r) {
        float[] clean = ball.clean();
        float[] x = new float[clean.length];
        double[] stripes = new double[g.channels() * g.width()];
        for (int k = 0; k < stripes.length; k++) {
            stripes[k] = r.nextBoolean() ? 1 : -1;
        }
        double size = norm == Norm.LINF ? eps : eps / Math.sqrt(g.size() / L2WindowProposal.AIM);
        for (int c = 0; c < g.channels(); c++) {
            for (int row = 0; row < g.height(); row++) {
                for (int col = 0; col < g.width(); col++) {
                    int j = g.index(c, row, col);
                    float v = (float) (clean[j] + size * stripes[c * g.width() + col]);
                    x[j] = norm == Norm.LINF ? ball.clamp(v, j) : v == v ? ball.inRange(j, v) : clean[j];
                }
            }
        }
        return x;
    }

    /**
     * The squared L2 distance of {@code x} from the clean sample, after projecting {@code x} into the ball in the
     * rare case that rounding left it outside.
     */
    private static double checkedSquaredDistance(float[] x, Ball ball, double eps) {
        float[] clean = ball.clean();
        double squared = 0;
        for (int j = 0; j < x.length; j++) {
            double d = (double) x[j] - clean[j];
            squared += d * d;
        }
        if (squared <= eps * eps) {
            return squared;
        }
        ball.project(x);
        double size = Norm.L2.size(x, clean);
        return size * size;
    }

    /** The window's height and width for the fraction p. */
    private static int[] window(double p, SampleGeometry g) {
        if (g.height() == 1) {
            int w = (int) Math.round(p * g.width());
            return new int[] {1, Math.max(1, Math.min(w, Math.max(1, g.width() - 1)))};
        }
        int s = (int) Math.round(Math.sqrt(p * g.height() * g.width()));
        s = Math.max(1, Math.min(s, Math.min(g.height(), g.width()) - 1));
        return new int[] {s, s};
    }

    /**
     * A unit-length h × w pattern: two halves (split across the rows or the columns) of opposite sign, each a
     * centred bump whose value decays as {@code 1 / (1 + ring)²} with the ring's distance from the half's centre.
     * Normalized in double precision, then rounded to float (its squared length is 1 within about 10⁻⁷).
     */
    static float[] pattern(int h, int w, boolean splitRows) {
        double[] out = new double[h * w];
        double length = 0;
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                boolean second = splitRows ? row >= (h + 1) / 2 : col >= (w + 1) / 2;
                int h0 = splitRows ? (second ? (h + 1) / 2 : 0) : 0;
                int h1 = splitRows ? (second ? h : (h + 1) / 2) : h;
                int w0 = splitRows ? 0 : (second ? (w + 1) / 2 : 0);
                int w1 = splitRows ? w : (second ? w : (w + 1) / 2);
                double cr = (h0 + h1 - 1) / 2.0;
                double cc = (w0 + w1 - 1) / 2.0;
                double ring = Math.max(Math.abs(row - cr), Math.abs(col - cc));
                double v = 1 / ((1 + ring) * (1 + ring)) * (second ? -1 : 1);
                out[row * w + col] = v;
                length += v * v;
            }
        }
        length = Math.sqrt(length);
        float[] unit = new float[out.length];
        for (int k = 0; k < out.length; k++) {
            unit[k] = (float) (out[k] / length);
        }
        return unit;
    }
}
