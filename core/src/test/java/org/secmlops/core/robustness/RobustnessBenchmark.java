package org.secmlops.core.robustness;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.model.GradientFreeModel;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.model.Outputs;

/**
 * Attack throughput and cost accounting on the digits MLP per engine; not a test, skipped unless asked for:
 * {@code mvn -B -pl core test -Dtest=RobustnessBenchmark -Dsecmlops.benchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "secmlops.benchmark", matches = "true")
class RobustnessBenchmark {
    private static final int BATCH = 256;
    private static final int FIRST_DIGIT = 1297;
    private static final int RUNS = 200;
    /**
     * The L2 budget of the Square Attack overhead runs: RobustBench's CIFAR-10 L2 budget. (At ε = 1e-6 the per-value
     * changes fall below the float spacing of the pixels and every proposal takes the rounding fallback.)
     */
    private static final double L2_EPS = 0.5;
    private static final SampleGeometry DIGIT = new SampleGeometry(1, 8, 8, false);
    private static final InputBounds UNIT = InputBounds.uniform(64, 0, 1);

    @TempDir
    Path dir;

    @Test
    void benchmark() throws Exception {
        Path torch = dir.resolve("digits-mlp.pt");
        try (InputStream in = RobustnessBenchmark.class.getResourceAsStream("/org/secmlops/core/model/digits-mlp.pt")) {
            Files.copy(in, torch);
        }
        List<Path> models = List.of(TestGraphs.digitsMlp(dir.resolve("tf"), TestGraphs.Variant.PLAIN), torch,
                ModelTestAccess.digitsMlpOnnx(dir.resolve("mlp.onnx")));
        float[][] x = ModelTestAccess.digits(FIRST_DIGIT, FIRST_DIGIT + BATCH);
        int[] y = ModelTestAccess.digitLabels(FIRST_DIGIT, FIRST_DIGIT + BATCH);
        for (Path path : models) {
            try (LoadedModel model = Models.load(path)) {
                benchmark(model, x, y);
            }
        }
        instantModelOverhead(x, y);
        fashionCnn();
        cifarCnn();
        cifarSized();
    }

    /**
     * PGD-20 (batch 64) and the Square Attack (batch 256) on 32×32×3 samples through a CIFAR-sized CNN in TensorFlow.
     */
    private void cifarCnn() throws Exception {
        SplittableRandom random = new SplittableRandom(6);
        float[][] x = new float[64][32 * 32 * 3];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        try (LoadedModel model = Models.load(ModelTestAccess.cifarCnnSavedModel(dir.resolve("cifar-cnn")))) {
            int[] y = new int[x.length];
            float[][] outputs = model.predict(x);
            for (int i = 0; i < x.length; i++) {
                y[i] = Outputs.argmax(outputs[i]);
            }
            SampleGeometry image = new SampleGeometry(3, 32, 32, false);
            InputBounds unit = InputBounds.uniform(32 * 32 * 3, 0, 1);
            pgdPassEquivalents(model, x, y, image, unit, "CIFAR-sized CNN TensorFlow", 25);
            float[][] batch = new float[BATCH][];
            int[] labels = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                batch[i] = x[i % x.length].clone();
                batch[i][i] = (float) random.nextDouble();
                labels[i] = y[i % x.length];
            }
            squareOverhead(model, batch, labels, image, unit, "CIFAR-sized CNN TensorFlow", Norm.LINF);
            squareOverhead(model, batch, labels, image, unit, "CIFAR-sized CNN TensorFlow", Norm.L2);
        }
    }

    /** PGD-20 on 28×28 samples through the Fashion-MNIST benchmark CNN in TensorFlow. */
    private void fashionCnn() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        float[][] x = new float[BATCH][28 * 28];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        try (LoadedModel model = Models.load(ModelTestAccess.fashionCnnSavedModel(dir.resolve("fashion-cnn")))) {
            int[] y = new int[BATCH];
            float[][] outputs = model.predict(x);
            for (int i = 0; i < BATCH; i++) {
                y[i] = Outputs.argmax(outputs[i]);
            }
            pgdPassEquivalents(model, x, y, new SampleGeometry(1, 28, 28, false), InputBounds.uniform(28 * 28, 0, 1),
                    "Fashion-MNIST CNN TensorFlow", 45);
        }
        Path torch = ModelTestAccess.fashionCnnTorchScript(dir.resolve("fashion-cnn-pt"));
        if (torch == null) {
            return;
        }
        try (LoadedModel model = Models.load(ModelSpec.of(torch).withSampleShape(List.of(1, 28, 28)))) {
            int[] y = new int[BATCH];
            float[][] outputs = model.predict(x);
            for (int i = 0; i < BATCH; i++) {
                y[i] = Outputs.argmax(outputs[i]);
            }
            pgdPassEquivalents(model, x, y, new SampleGeometry(1, 28, 28, true), InputBounds.uniform(28 * 28, 0, 1),
                    "Fashion-MNIST CNN PyTorch", 45);
        }
    }

    /**
     * The Square Attack's overhead on CIFAR-sized samples (32 × 32 × 3 values in [0, 1]) through a random
     * 3072-512-10 ReLU network in TensorFlow: a forward pass of realistic cost.
     */
    private void cifarSized() throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        int inputs = 3072;
        int hidden = 512;
        float[] w1 = new float[inputs * hidden];
        float[] w2 = new float[hidden * 10];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) (random.nextGaussian() / Math.sqrt(inputs));
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) (random.nextGaussian() / Math.sqrt(hidden));
        }
        float[][] x = new float[BATCH][inputs];
        for (float[] row : x) {
            for (int j = 0; j < inputs; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        SampleGeometry image = new SampleGeometry(3, 32, 32, false);
        InputBounds unit = InputBounds.uniform(inputs, 0, 1);
        try (LoadedModel model = Models.load(TestGraphs.mlp(dir.resolve("cifar"), w1, new float[hidden], w2,
                new float[10]))) {
            int[] y = new int[BATCH];
            float[][] outputs = model.predict(x);
            for (int i = 0; i < BATCH; i++) {
                y[i] = Outputs.argmax(outputs[i]);
            }
            squareOverhead(model, x, y, image, unit, "CIFAR-sized 3072-512-10 TensorFlow", Norm.LINF);
            squareOverhead(model, x, y, image, unit, "CIFAR-sized 3072-512-10 TensorFlow", Norm.L2);
            pgdPassEquivalents(model, x, y, image, unit, "CIFAR-sized 3072-512-10 TensorFlow", 45);
        }
    }

    /**
     * The attacks' own time per query with a model that answers instantly (all-zero outputs, so no sample is ever
     * broken and every query is spent): what an attack adds on top of the engine's forward pass.
     */
    private static void instantModelOverhead(float[][] x, int[] y) throws Exception {
        LoadedModel instant = new GradientFreeModel() {
            @Override
            public float[][] predict(float[][] batch) {
                return new float[batch.length][10];
            }

            @Override
            public boolean supportsGradients() {
                return true;
            }

            @Override
            public float[][] inputGradient(float[][] batch, int[] labels) {
                float[][] gradient = new float[batch.length][batch[0].length];
                for (float[] row : gradient) {
                    Arrays.fill(row, 1e-3f);
                }
                return gradient;
            }
        };
        System.out.printf(Locale.ROOT, "%nattack overhead with an instant model, batch %d, 64 values per sample%n",
                BATCH);
        for (Attack attack : List.of(new Pgd(Norm.LINF, 20, 0.25, true, 1), new Apgd(Norm.LINF, 20, true, 1),
                new SquareAttack(Norm.LINF, 500), new SquareAttack(Norm.L2, 500), new Spsa(Norm.LINF, 330, 32, 0.25))) {
            double best = Double.POSITIVE_INFINITY;
            for (int run = 0; run < 7; run++) {
                AttackTarget target = new AttackTarget(instant, UNIT, DIGIT);
                long start = System.nanoTime();
                attack.perturb(target, x, y, 0.1, new SplittableRandom(run));
                PassCount passes = target.passes();
                best = Math.min(best, (System.nanoTime() - start) / 1e6
                        / (passes.forwardCalls() + passes.gradientCalls()));
            }
            System.out.printf(Locale.ROOT, "%-20s %.4f ms per model call (batch %d)%n", attack.name() + " "
                    + attack.norm().id(), best, BATCH);
        }
    }

    private static void benchmark(LoadedModel model, float[][] x, int[] y) throws Exception {
        double forward = perCall(() -> model.predict(x));
        double gradient = model.supportsGradients() ? perCall(() -> model.outputsAndGradient(x, y)) : Double.NaN;
        System.out.printf(Locale.ROOT, "%n%s, batch %d: forward %.3f ms, forward+gradient %.3f ms per batch%n",
                model.engineName(), BATCH, forward, gradient);
        System.out.printf(Locale.ROOT, "%-22s %7s %10s %14s %14s %12s %10s%n", "attack", "eps", "samples/s",
                "passes/sample", "in model ms", "total ms", "overhead");
        List<Attack> attacks = new ArrayList<>();
        if (model.supportsGradients()) {
            attacks.add(new Fgsm(Norm.LINF));
            attacks.add(new Pgd(Norm.LINF, 20, 0.25, true, 1));
            attacks.add(new Apgd(Norm.LINF, 20, true, 1));
        }
        attacks.add(new SquareAttack(Norm.LINF, 100));
        attacks.add(new SquareAttack(Norm.L2, 100));
        attacks.add(new Spsa(Norm.LINF, 99, 32, 0.25));
        for (Attack attack : attacks) {
            // a tiny budget breaks (almost) nothing, so every sample pays the full cost; 0.1 is a realistic one
            for (double eps : new double[] {1e-4, 0.1}) {
                attack.perturb(new AttackTarget(model, UNIT, DIGIT), x, y, eps, new SplittableRandom(1));
                double millis = Double.POSITIVE_INFINITY;
                double inModel = 0;
                PassCount passes = null;
                for (int run = 0; run < 3; run++) {
                    TimedModel timed = new TimedModel(model);
                    AttackTarget target = new AttackTarget(timed, UNIT, DIGIT);
                    long start = System.nanoTime();
                    attack.perturb(target, x, y, eps, new SplittableRandom(2));
                    double total = (System.nanoTime() - start) / 1e6;
                    if (total < millis) {
                        millis = total;
                        inModel = timed.nanos / 1e6;
                    }
                    passes = target.passes();
                }
                System.out.printf(Locale.ROOT, "%-22s %7s %10.0f %14.2f %14.2f %12.2f %9.1f%%%n",
                        attack.name() + " " + attack.norm().id() + describe(attack), eps, x.length / millis * 1000,
                        (double) (passes.forwardSamples() + passes.gradientSamples()) / x.length, inModel, millis,
                        (millis - inModel) / inModel * 100);
            }
        }
        squareOverhead(model, x, y, DIGIT, UNIT, model.engineName() + " digits", Norm.LINF);
        if (model.supportsGradients()) {
            pgdPassEquivalents(model, x, y, DIGIT, UNIT, model.engineName() + " digits", 205);
        }
        if (model.supportsSignSteps()) {
            pgdBreakdown(model, x, y, DIGIT, UNIT, model.engineName() + " digits", 250);
        }
    }

    /**
     * PGD-20 (L∞, ε = 1e-4 so that nothing breaks early) against 21 {@code outputsAndGradient} calls on the same batch,
     * alternating in each round; the ratio of each round's PGD time to its mean call time, median over the rounds
     * after the warm-up. Pairing the two in time keeps load changes on a shared machine out of the ratio.
     */
    private static void pgdPassEquivalents(LoadedModel model, float[][] x, int[] y, SampleGeometry geometry,
            InputBounds bounds, String label, int rounds) throws Exception {
        int warmUp = Math.min(5, rounds / 2);
        double[] ratios = new double[rounds - warmUp];
        double call = Double.POSITIVE_INFINITY;
        double pgd = Double.POSITIVE_INFINITY;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 21; i++) {
                model.outputsAndGradient(x, y);
            }
            double loop = (System.nanoTime() - start) / 1e6 / 21;
            start = System.nanoTime();
            new Pgd(Norm.LINF, 20, 0.25, true, 1).perturb(new AttackTarget(model, bounds, geometry), x, y, 1e-4,
                    new SplittableRandom(round));
            double attack = (System.nanoTime() - start) / 1e6;
            if (round >= warmUp) {
                ratios[round - warmUp] = attack / loop;
                call = Math.min(call, loop);
                pgd = Math.min(pgd, attack);
            }
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%s PGD-20 linf (batch %d): %.3f ms, forward+backward call %.3f ms (fastest"
                + " of each) -> %.2f pass-equivalents (median of %d paired rounds; quartiles %.2f-%.2f)%n", label,
                x.length, pgd, call, ratios[ratios.length / 2], ratios.length, ratios[ratios.length / 4],
                ratios[3 * ratios.length / 4]);
    }

    /**
     * Where an in-engine PGD-20 (L∞, ε = 1e-4, random start) spends its time, in the same parts and order as
     * {@link Pgd#perturb}: the boxes, the random start, opening the engine's tensors, the 20 steps (with the
     * misclassification check), the final forward pass with the last iterates copied out, closing; each in calls
     * of the same round (the mean of 21 {@code outputsAndGradient} calls just before), median over the rounds after
     * the first 50.
     */
    private static void pgdBreakdown(LoadedModel model, float[][] x, int[] y, SampleGeometry geometry,
            InputBounds bounds, String label, int rounds) throws Exception {
        String[] parts = {"boxes", "random start", "open", "20 steps", "final forward + copy", "close"};
        double[][] calls = new double[parts.length][rounds];
        AttackTarget target = new AttackTarget(model, bounds, geometry);
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 21; i++) {
                model.outputsAndGradient(x, y);
            }
            double call = (System.nanoTime() - start) / 21.0;
            long[] t = new long[parts.length + 1];
            t[0] = System.nanoTime();
            Ball[] balls = Rows.balls(x, 1e-4, Norm.LINF, bounds);
            t[1] = System.nanoTime();
            int[] all = Rows.open(new boolean[x.length]);
            float[][] starts = Rows.starts(balls, all, true, 1e-4, Norm.LINF, new SplittableRandom(round));
            t[2] = System.nanoTime();
            float[][] low = new float[x.length][];
            float[][] high = new float[x.length][];
            for (int k = 0; k < x.length; k++) {
                low[k] = balls[k].lows();
                high[k] = balls[k].highs();
            }
            AttackTarget.CountedSteps steps = target.signSteps(starts, low, high, x, y, 2.5e-5f);
            t[3] = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                float[] outputs = steps.outputsAndStep();
                int width = outputs.length / x.length;
                for (int k = 0; k < x.length; k++) {
                    Losses.misclassified(outputs, k * width, width, y[k]);
                }
            }
            t[4] = System.nanoTime();
            steps.outputs();
            steps.current(all);
            t[5] = System.nanoTime();
            steps.close();
            t[6] = System.nanoTime();
            for (int p = 0; p < parts.length; p++) {
                calls[p][round] = (t[p + 1] - t[p]) / call;
            }
        }
        StringBuilder line = new StringBuilder(label + " PGD-20 linf parts, in calls (median):");
        for (int p = 0; p < parts.length; p++) {
            double[] values = Arrays.copyOfRange(calls[p], Math.min(50, rounds / 2), rounds);
            Arrays.sort(values);
            line.append(String.format(Locale.ROOT, " %s %.2f;", parts[p], values[values.length / 2]));
        }
        System.out.println(line);
    }

    /**
     * The Square Attack's own time per query beyond the model's, at batch 256 (L∞ at ε = 1e-6: no early
     * stopping; L2 at {@link #L2_EPS}, where samples may leave as they break, which shrinks model and attack time
     * alike): the time inside {@code predict} is measured in the same run, so load on the machine affects both alike.
     */
    private static void squareOverhead(LoadedModel model, float[][] x, int[] y, SampleGeometry geometry,
            InputBounds bounds, String label, Norm norm) throws Exception {
        int queries = 200;
        double bestRatio = Double.POSITIVE_INFINITY;
        double perQuery = 0;
        double modelPerQuery = 0;
        for (int run = 0; run < 5; run++) {
            TimedModel timed = new TimedModel(model);
            AttackTarget target = new AttackTarget(timed, bounds, geometry);
            long start = System.nanoTime();
            new SquareAttack(norm, queries).perturb(target, x, y, norm == Norm.LINF ? 1e-6 : L2_EPS,
                    new SplittableRandom(run));
            double total = (System.nanoTime() - start) / 1e6;
            double inModel = timed.nanos / 1e6;
            double ratio = (total - inModel) / inModel;
            if (ratio < bestRatio) {
                bestRatio = ratio;
                perQuery = total / target.passes().forwardCalls();
                modelPerQuery = inModel / target.passes().forwardCalls();
            }
        }
        System.out.printf(Locale.ROOT, "%s square %s per query (batch %d): %.3f ms, of which in the model %.3f ms"
                + " -> attack overhead %.1f%% of a forward pass%n", label, norm.name().toLowerCase(Locale.ROOT), BATCH,
                perQuery, modelPerQuery,
                bestRatio * 100);
    }

    /** Measures the time spent in {@link #predict}. */
    private static final class TimedModel extends GradientFreeModel {
        private final LoadedModel model;
        long nanos;

        TimedModel(LoadedModel model) {
            this.model = model;
        }

        @Override
        public float[][] predict(float[][] batch) throws org.secmlops.core.model.ModelException {
            long start = System.nanoTime();
            float[][] out = model.predict(batch);
            nanos += System.nanoTime() - start;
            return out;
        }

        @Override
        public boolean supportsGradients() {
            return model.supportsGradients();
        }

        @Override
        public org.secmlops.core.model.OutputsAndGradient outputsAndGradient(float[][] batch, int[] labels)
                throws org.secmlops.core.model.ModelException {
            long start = System.nanoTime();
            org.secmlops.core.model.OutputsAndGradient out = model.outputsAndGradient(batch, labels);
            nanos += System.nanoTime() - start;
            return out;
        }
    }

    private static String describe(Attack attack) {
        if (attack instanceof Pgd p) {
            return "-" + p.steps();
        }
        if (attack instanceof Apgd a) {
            return "-" + a.iterations();
        }
        if (attack instanceof SquareAttack s) {
            return " q" + s.queries();
        }
        if (attack instanceof Spsa s) {
            return " q" + s.queries();
        }
        return "";
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double perCall(Call call) throws Exception {
        for (int i = 0; i < 20; i++) {
            call.run();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            call.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }
}
