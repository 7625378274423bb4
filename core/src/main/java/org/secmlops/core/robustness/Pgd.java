package org.secmlops.core.robustness;

import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.OutputsAndGradient;

/**
 * Projected gradient descent on the cross-entropy, Madry et al. 2018: {@code steps} steps of size
 * {@code stepSizeRatio × ε} (rounded to a float) along the steepest-ascent direction, each projected onto the
 * ε-ball and the valid range; optionally from a uniformly random start, with {@code restarts} tries for samples not
 * yet broken. A sample leaves the batch as soon as an iterate is misclassified. Cost per sample and restart: at most
 * {@code steps} gradient passes and one forward pass. L∞ steps run inside the engine where it can
 * ({@link AttackTarget#supportsSignSteps()}): the same iterates without copying each one out and back.
 *
 * @param norm          the norm of the budget
 * @param steps         iterations per restart, positive
 * @param stepSizeRatio the step size as a fraction of ε, positive
 * @param randomStart   start from a uniformly random point in the ball (else from the clean sample)
 * @param restarts      tries, positive
 */
public record Pgd(Norm norm, int steps, double stepSizeRatio, boolean randomStart, int restarts) implements Attack {
    public Pgd {
        if (steps <= 0 || restarts <= 0 || !(stepSizeRatio > 0) || !Double.isFinite(stepSizeRatio)) {
            throw new IllegalArgumentException("PGD needs positive steps, restarts and step size ratio");
        }
    }

    @Override
    public String name() {
        return "pgd";
    }

    @Override
    public boolean whiteBox() {
        return true;
    }

    @Override
    public float[][] perturb(AttackTarget target, float[][] clean, int[] labels, double eps, SplittableRandom random)
            throws ModelException, InterruptedException {
        Ball[] balls = Rows.balls(clean, eps, norm, target.bounds());
        float[][] result = new float[clean.length][];
        boolean[] done = new boolean[clean.length];
        float step = (float) (stepSizeRatio * eps);
        for (int restart = 0; restart < restarts; restart++) {
            int[] active = Rows.open(done);
            if (active.length == 0) {
                break;
            }
            float[][] x = Rows.starts(balls, active, randomStart, eps, norm, random);
            if (norm == Norm.LINF && step > 0 && target.supportsSignSteps()) {
                restartInEngine(target, balls, active, x, labels, step, result, done);
            } else {
                restart(target, balls, active, x, labels, step, result, done);
            }
        }
        for (int i = 0; i < clean.length; i++) {
            if (result[i] == null) {
                result[i] = clean[i].clone();
            }
        }
        return result;
    }

    private void restart(AttackTarget target, Ball[] balls, int[] active, float[][] x, int[] labels, double step,
            float[][] result, boolean[] done) throws ModelException, InterruptedException {
        for (int t = 0; t < steps && active.length > 0; t++) {
            OutputsAndGradient og = target.outputsAndGradient(x, Rows.select(labels, active));
            int kept = 0;
            for (int k = 0; k < active.length; k++) {
                int i = active[k];
                if (Losses.misclassified(og.outputs()[k], labels[i])) {
                    result[i] = x[k];
                    done[i] = true;
                    continue;
                }
                x[kept] = x[k];
                og.gradient()[kept] = og.gradient()[k];
                active[kept++] = i;
            }
            float[][] iterates = x;
            int[] open = active;
            Rows.forEach(kept, iterates[0].length, Rows.STREAMING, k -> balls[open[k]].stepInPlace(iterates[k],
                    og.gradient()[k], step));
            active = java.util.Arrays.copyOf(active, kept);
            x = java.util.Arrays.copyOf(x, kept);
        }
        if (active.length > 0) {
            float[][] outputs = target.predict(x);
            for (int k = 0; k < active.length; k++) {
                int i = active[k];
                result[i] = x[k];
                done[i] = Losses.misclassified(outputs[k], labels[i]);
            }
        }
    }

    /** The same iterations as {@link #restart}, with the iterates kept in the engine between steps. */
    private void restartInEngine(AttackTarget target, Ball[] balls, int[] active, float[][] x, int[] labels,
            float step, float[][] result, boolean[] done) throws ModelException, InterruptedException {
        float[][] low = new float[active.length][];
        float[][] high = new float[active.length][];
        float[][] clean = new float[active.length][];
        for (int k = 0; k < active.length; k++) {
            Ball ball = balls[active[k]];
            low[k] = ball.lows();
            high[k] = ball.highs();
            clean[k] = ball.clean();
        }
        try (AttackTarget.CountedSteps engine = target.signSteps(x, low, high, clean, Rows.select(labels, active),
                step)) {
            int[] samples = active.clone();
            int[] live = identity(active.length);
            for (int t = 0; t < steps && live.length > 0; t++) {
                float[] outputs = engine.outputsAndStep();
                int width = outputs.length / engine.rows();
                int kept = 0;
                int broken = 0;
                int[] brokenRows = new int[live.length];
                for (int row : live) {
                    if (Losses.misclassified(outputs, row * width, width, labels[samples[row]])) {
                        brokenRows[broken++] = row;
                    } else {
                        live[kept++] = row;
                    }
                }
                if (broken > 0) {
                    brokenRows = java.util.Arrays.copyOf(brokenRows, broken);
                    float[][] adversarial = engine.evaluated(brokenRows);
                    for (int k = 0; k < broken; k++) {
                        int i = samples[brokenRows[k]];
                        result[i] = adversarial[k];
                        done[i] = true;
                    }
                }
                live = java.util.Arrays.copyOf(live, kept);
                if (kept > 0 && kept * 4 <= engine.rows() * 3) {
                    engine.retain(live);
                    samples = Rows.select(samples, live);
                    live = identity(kept);
                }
            }
            if (live.length > 0) {
                float[][] outputs = engine.outputs();
                float[][] last = engine.current(live);
                for (int k = 0; k < live.length; k++) {
                    int i = samples[live[k]];
                    result[i] = last[k];
                    done[i] = Losses.misclassified(outputs[live[k]], labels[i]);
                }
            }
        }
    }

    private static int[] identity(int length) {
        int[] rows = new int[length];
        for (int k = 0; k < length; k++) {
            rows[k] = k;
        }
        return rows;
    }
}
