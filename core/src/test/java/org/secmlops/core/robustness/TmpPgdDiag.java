package org.secmlops.core.robustness;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.model.OutputsAndGradient;

class TmpPgdDiag {
    @TempDir
    Path dir;

    @Test
    void diag() throws Exception {
        if (System.getenv("INTRA") != null) {
            System.setProperty("ai.djl.tensorflow.num_intraop_threads", System.getenv("INTRA"));
            System.setProperty("ai.djl.tensorflow.num_interop_threads", System.getenv("INTER"));
        }
        SplittableRandom random = new SplittableRandom(4);
        int inputs = 3072, hidden = 512;
        float[] w1 = new float[inputs * hidden];
        float[] w2 = new float[hidden * 10];
        for (int i = 0; i < w1.length; i++) w1[i] = (float) (random.nextGaussian() / Math.sqrt(inputs));
        for (int i = 0; i < w2.length; i++) w2[i] = (float) (random.nextGaussian() / Math.sqrt(hidden));
        float[][] x0 = new float[256][inputs];
        for (float[] row : x0) for (int j = 0; j < inputs; j++) row[j] = (float) random.nextDouble();
        InputBounds unit = InputBounds.uniform(inputs, 0, 1);
        try (LoadedModel model = Models.load(TestGraphs.mlp(dir.resolve("cifar"), w1, new float[hidden], w2, new float[10]))) {
            int[] y = new int[256];
            float[][] o = model.predict(x0);
            for (int i = 0; i < 256; i++) y[i] = Losses.argmax(o[i]);
            double bl = 1e9, bt = 1e9, inm = 0;
            for (int round = 0; round < 25; round++) {
                long s0 = System.nanoTime();
                for (int i = 0; i < 21; i++) model.outputsAndGradient(x0, y);
                double loop = (System.nanoTime() - s0) / 1e6 / 21;
                s0 = System.nanoTime();
                TmpTimed timed = new TmpTimed(model);
                new Pgd(Norm.LINF, 20, 0.25, true, 1).perturb(new AttackTarget(timed, unit, new SampleGeometry(3, 32, 32, false)), x0, y, 1e-4, new SplittableRandom(round));
                double pgd = (System.nanoTime() - s0) / 1e6;
                if (round >= 5) { bl = Math.min(bl, loop); if (pgd < bt) { bt = pgd; inm = timed.nanos / 1e6; } }
            }
            double bb = 1e9, br = 1e9;
            for (int round = 0; round < 15; round++) {
                long s0 = System.nanoTime();
                Ball[] balls = Rows.balls(x0, 1e-4, Norm.LINF, unit);
                double tb = (System.nanoTime() - s0) / 1e6;
                s0 = System.nanoTime();
                SplittableRandom r = new SplittableRandom(round);
                for (int k = 0; k < 256; k++) Rows.randomStart(balls[k], 1e-4, Norm.LINF, r);
                double tr = (System.nanoTime() - s0) / 1e6;
                bb = Math.min(bb, tb); br = Math.min(br, tr);
            }
            System.out.printf("balls %.2f ms, random starts %.2f ms%n", bb, br);
            System.out.printf("call %.2f ms, pgd %.2f ms (in model %.2f), pass-equivalents %.2f%n", bl, bt, inm, bt / bl);
        }
    }

    static final class TmpTimed extends org.secmlops.core.model.GradientFreeModel {
        final LoadedModel m; long nanos;
        TmpTimed(LoadedModel m) { this.m = m; }
        @Override public float[][] predict(float[][] b) throws org.secmlops.core.model.ModelException { long s = System.nanoTime(); var o = m.predict(b); nanos += System.nanoTime() - s; return o; }
        @Override public boolean supportsGradients() { return true; }
        @Override public org.secmlops.core.model.OutputsAndGradient outputsAndGradient(float[][] b, int[] l) throws org.secmlops.core.model.ModelException { long s = System.nanoTime(); var o = m.outputsAndGradient(b, l); nanos += System.nanoTime() - s; return o; }
    }
}
