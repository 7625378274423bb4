package org.secmlops.core.robustness;

import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.OutputsAndGradient;

/**
 * Projected gradient descent on the cross-entropy, Madry et al. 2018: {@code steps} steps of size
 * {@code stepSizeRatio × ε} along the steepest-ascent direction, each projected onto the ε-ball and the valid
 * range; optionally from a uniformly random start, with {@code restarts} tries for samples not yet broken. A sample
 * leaves the batch as soon as an iterate is misclassified. Cost per sample and restart: at most {@code steps}
 * gradient passes and one forward pass.
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
        double step = stepSizeRatio * eps;
        for (int restart = 0; restart < restarts; restart++) {
            int[] active = Rows.open(done);
            if (active.length == 0) {
                break;
            }
            float[][] x = Rows.starts(balls, active, randomStart, eps, norm, random);
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
                Rows.forEach(kept, iterates[0].length, k -> balls[open[k]].stepInPlace(iterates[k],
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
        for (int i = 0; i < clean.length; i++) {
            if (result[i] == null) {
                result[i] = clean[i].clone();
            }
        }
        return result;
    }
}
