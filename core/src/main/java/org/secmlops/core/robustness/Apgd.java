package org.secmlops.core.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.OutputsAndGradient;

/**
 * Auto-PGD on the cross-entropy (APGD-CE), Croce &amp; Hein 2020: PGD with momentum 0.75 and a step size that
 * starts at 2ε and is halved per sample at checkpoints {@code w_j = ⌈p_j N⌉} ({@code p_0 = 0}, {@code p_1 = 0.22},
 * {@code p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06)}) when fewer than 75 % of the steps since the last
 * checkpoint increased the loss, or when neither the step size nor the best loss changed since then; a halving
 * restarts from the best point so far. No hyper-parameter to tune. A sample leaves the batch as soon as an iterate
 * is misclassified. Cost per sample and restart: at most {@code iterations} gradient passes and one forward pass.
 *
 * @param norm        the norm of the budget
 * @param iterations  N, positive
 * @param randomStart start from a uniformly random point in the ball (else from the clean sample)
 * @param restarts    tries, positive
 */
public record Apgd(Norm norm, int iterations, boolean randomStart, int restarts) implements Attack {
    static final double MOMENTUM = 0.75;
    static final double RHO = 0.75;

    public Apgd {
        if (iterations <= 0 || restarts <= 0) {
            throw new IllegalArgumentException("APGD needs positive iterations and restarts");
        }
    }

    @Override
    public String name() {
        return "apgd";
    }

    @Override
    public boolean whiteBox() {
        return true;
    }

    /** The checkpoint iterations {@code w_1 < w_2 < ...} (all in 1..N−1). */
    static int[] checkpoints(int iterations) {
        List<Integer> points = new ArrayList<>();
        double previous = 0;
        double current = 0.22;
        while (current <= 1) {
            int w = (int) Math.ceil(current * iterations - 1e-9);
            if (w >= 1 && w < iterations && (points.isEmpty() || w > points.get(points.size() - 1))) {
                points.add(w);
            }
            double next = current + Math.max(current - previous - 0.03, 0.06);
            previous = current;
            current = next;
        }
        return points.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public float[][] perturb(AttackTarget target, float[][] clean, int[] labels, double eps, SplittableRandom random)
            throws ModelException, InterruptedException {
        float[][] result = new float[clean.length][];
        boolean[] done = new boolean[clean.length];
        for (int restart = 0; restart < restarts; restart++) {
            int[] active = Rows.open(done);
            if (active.length == 0) {
                break;
            }
            run(target, clean, labels, eps, random, active, result, done);
        }
        for (int i = 0; i < clean.length; i++) {
            if (result[i] == null) {
                result[i] = clean[i].clone();
            }
        }
        return result;
    }

    private void run(AttackTarget target, float[][] clean, int[] labels, double eps, SplittableRandom random,
            int[] active, float[][] result, boolean[] done) throws ModelException, InterruptedException {
        Ball[] balls = Rows.balls(clean, eps, norm, target.bounds());
        int n = clean.length;
        int[] checkpoints = checkpoints(iterations);
        float[][] x = new float[n][];
        float[][] previous = new float[n][];
        float[][] best = new float[n][];
        float[][] bestGradient = new float[n][];
        double[] bestLoss = new double[n];
        double[] lastLoss = new double[n];
        double[] stepSize = new double[n];
        int[] increases = new int[n];
        double[] stepAtCheckpoint = new double[n];
        double[] bestAtCheckpoint = new double[n];
        float[][] starts = Rows.starts(balls, active, randomStart, eps, norm, random);
        for (int k = 0; k < active.length; k++) {
            int i = active[k];
            x[i] = starts[k];
            previous[i] = x[i];
            bestLoss[i] = Double.NEGATIVE_INFINITY;
            lastLoss[i] = Double.NEGATIVE_INFINITY;
            stepSize[i] = 2 * eps;
            stepAtCheckpoint[i] = stepSize[i];
            bestAtCheckpoint[i] = Double.NEGATIVE_INFINITY;
        }
        int nextCheckpoint = 0;
        int lastCheckpoint = 0;
        for (int k = 0; k < iterations && active.length > 0; k++) {
            OutputsAndGradient og = target.outputsAndGradient(Rows.select(x, active), Rows.select(labels, active));
            boolean checkpoint = nextCheckpoint < checkpoints.length && k == checkpoints[nextCheckpoint];
            int kept = 0;
            float[][] directions = new float[active.length][];
            for (int a = 0; a < active.length; a++) {
                int i = active[a];
                float[] outputs = og.outputs()[a];
                if (Losses.misclassified(outputs, labels[i])) {
                    result[i] = x[i];
                    done[i] = true;
                    continue;
                }
                double loss = Losses.crossEntropy(outputs, labels[i]);
                float[] gradient = og.gradient()[a];
                if (k > 0 && loss > lastLoss[i]) {
                    increases[i]++;
                }
                lastLoss[i] = loss;
                if (loss > bestLoss[i]) {
                    bestLoss[i] = loss;
                    best[i] = x[i];
                    bestGradient[i] = gradient;
                }
                if (checkpoint) {
                    boolean fewIncreases = increases[i] < RHO * (k - lastCheckpoint);
                    boolean stalled = stepAtCheckpoint[i] == stepSize[i] && bestAtCheckpoint[i] == bestLoss[i];
                    if (fewIncreases || stalled) {
                        stepSize[i] /= 2;
                        x[i] = best[i];
                        previous[i] = best[i];
                        gradient = bestGradient[i];
                    }
                    increases[i] = 0;
                    stepAtCheckpoint[i] = stepSize[i];
                    bestAtCheckpoint[i] = bestLoss[i];
                }
                directions[kept] = gradient;
                active[kept++] = i;
            }
            int[] open = active;
            boolean first = k == 0;
            Rows.forEach(kept, clean[0].length, Rows.STREAMING, a -> {
                int i = open[a];
                float[] next = balls[i].step(x[i], directions[a], stepSize[i]);
                if (!first) {
                    for (int j = 0; j < next.length; j++) {
                        next[j] = (float) (x[i][j] + MOMENTUM * ((double) next[j] - x[i][j])
                                + (1 - MOMENTUM) * ((double) x[i][j] - previous[i][j]));
                    }
                    balls[i].project(next);
                }
                previous[i] = x[i];
                x[i] = next;
            });
            if (checkpoint) {
                lastCheckpoint = k;
                nextCheckpoint++;
            }
            active = Arrays.copyOf(active, kept);
        }
        if (active.length > 0) {
            float[][] outputs = target.predict(Rows.select(x, active));
            for (int a = 0; a < active.length; a++) {
                int i = active[a];
                done[i] = Losses.misclassified(outputs[a], labels[i]);
                if (done[i]) {
                    result[i] = x[i];
                } else {
                    double loss = Losses.crossEntropy(outputs[a], labels[i]);
                    result[i] = loss >= bestLoss[i] ? x[i] : best[i];
                }
            }
        }
    }
}
