package org.secmlops.core.robustness.defense;

import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.Outputs;
import org.secmlops.core.robustness.AttackTarget;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.Norm;

/**
 * The adaptive attack on a squeezing detector (in the spirit of Carlini and Wagner, AISec 2017, and He et al., WOOT
 * 2017): a targeted PGD that pushes the input and each squeezed copy (BPDA) towards the same wrong class, the
 * runner-up of the clean prediction, so that the predictions agree confidently and the detector's score stays low. It
 * does not stop at the decision boundary, where a detector catches inputs, but when an input is both misclassified
 * and accepted by the detector.
 */
final class DetectorAwareAttack {
    /** Steps of the attack: more than PGD's default, because evasion needs confidence, not just a wrong label. */
    static final int STEPS = 40;

    private final Norm norm;
    private final double eps;
    private final InputBounds bounds;

    DetectorAwareAttack(Norm norm, double eps, InputBounds bounds) {
        this.norm = norm;
        this.eps = eps;
        this.bounds = bounds;
    }

    /** Whether each sample (correctly classified and accepted when clean) withstands the attack. */
    boolean[] held(LoadedModel model, SqueezeDetector detector, float[][] clean, int[] labels)
            throws ModelException, InterruptedException {
        int n = clean.length;
        boolean[] held = new boolean[n];
        java.util.Arrays.fill(held, true);
        if (n == 0) {
            return held;
        }
        int[] targets = runnersUp(model.predict(clean), labels);
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = clean[i].clone();
        }
        double step = norm == Norm.LINF ? eps / 8 : 2.5 * eps / STEPS;
        SqueezeAwareModel views = new SqueezeAwareModel(model, detector.squeezers());
        for (int s = 0; s < STEPS; s++) {
            AttackTarget.checkCancelled();
            float[][] gradient = views.inputGradient(x, targets);
            for (int i = 0; i < n; i++) {
                if (!held[i]) {
                    continue;
                }
                float[] direction = norm.direction(gradient[i]);
                for (int j = 0; j < direction.length; j++) {
                    x[i][j] -= (float) (step * direction[j]);
                }
                norm.project(x[i], clean[i], eps, bounds);
            }
            float[][] outputs = model.predict(x);
            boolean[] rejected = detector.rejects(model, x);
            for (int i = 0; i < n; i++) {
                if (held[i] && Outputs.argmax(outputs[i]) != labels[i] && !rejected[i]) {
                    held[i] = false;
                }
            }
        }
        return held;
    }

    private static int[] runnersUp(float[][] outputs, int[] labels) {
        int[] out = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            int best = -1;
            for (int c = 0; c < outputs[i].length; c++) {
                if (c != labels[i] && (best < 0 || outputs[i][c] > outputs[i][best])) {
                    best = c;
                }
            }
            out[i] = Math.max(best, 0);
        }
        return out;
    }
}
