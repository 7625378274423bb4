package org.secmlops.core.robustness;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.evaluate.ModelEvaluator;
import org.secmlops.core.model.DeviceChoice;
import org.secmlops.core.model.EngineThreads;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;

/**
 * The loader's default thread choice against a hand sweep of intra-op threads, per model from tiny to CIFAR-sized:
 * raw forward and forward+backward time per batch of 64, evaluate throughput ({@link ModelEvaluator} on samples in
 * memory) and PGD-20 throughput (ε = 1e-4, nothing breaks early), and PGD-20's wall time against its passes times the
 * raw pass time. Not a test; run it as a program (the result is a Markdown table):
 * {@code OMP_WAIT_POLICY=PASSIVE java -cp "$CP" org.secmlops.core.robustness.ThreadBenchmark [model ...]}.
 */
public final class ThreadBenchmark {
    private static final int BATCH = 64;
    private static final int EVALUATE_SAMPLES = 2048;
    private static final int PGD_SAMPLES = 256;
    private static final double MEASURE_SECONDS = 0.4;
    /** Rounds over all configurations of a model; each figure is the best of its rounds. */
    private static final int ROUNDS = Integer.getInteger("rounds", 3);
    /** {@code -Ddevice=gpu} for the GPU smoke benchmark (TensorFlow models; the thread sweep is then moot). */
    private static final DeviceChoice DEVICE = DeviceChoice.parse(System.getProperty("device", "cpu"));

    private final Path dir;

    private ThreadBenchmark(Path dir) {
        this.dir = dir;
    }

    /** A model of the benchmark set: how to write it and the shape of one sample as it takes it. */
    private record Subject(String name, ModelSpec spec, SampleGeometry geometry) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("secmlops-thread-benchmark");
        ThreadBenchmark benchmark = new ThreadBenchmark(dir);
        List<String> names = args.length == 0 ? List.of("digits-logreg-tf", "digits-mlp-tf", "digits-mlp-pt",
                "digits-mlp-onnx", "fashion-cnn-tf", "fashion-cnn-onnx", "fashion-cnn-pt", "cifar-cnn-tf")
                : List.of(args);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%d processors, OMP_WAIT_POLICY=%s, batch %d, device %s%n", cores,
                System.getenv("OMP_WAIT_POLICY"), BATCH, DEVICE);
        System.out.println("| Model | Threads | Forward ms | Fwd+bwd ms | Evaluate samples/s | PGD-20 samples/s"
                + " | PGD-20 ÷ (passes × raw) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : names) {
            Subject subject = benchmark.subject(name);
            if (subject == null) {
                System.out.println("| " + name + " | not available on this machine | | | | | |");
                continue;
            }
            List<Integer> configurations = new ArrayList<>();
            configurations.add(0);
            for (int threads = 1; threads <= cores; threads++) {
                configurations.add(threads);
            }
            Row[] best = new Row[configurations.size()];
            for (int round = 0; round < ROUNDS; round++) {
                for (int c = 0; c < configurations.size(); c++) {
                    Row row = benchmark.measure(subject, configurations.get(c));
                    best[c] = best[c] == null ? row : best[c].best(row);
                }
            }
            for (Row row : best) {
                System.out.println(row.markdown(subject.name()));
            }
        }
    }

    private Subject subject(String name) throws Exception {
        SampleGeometry digit = new SampleGeometry(1, 8, 8, false);
        SampleGeometry fashionNhwc = new SampleGeometry(1, 28, 28, false);
        SampleGeometry fashionNchw = new SampleGeometry(1, 28, 28, true);
        return switch (name) {
            case "digits-logreg-tf" -> {
                SplittableRandom random = new SplittableRandom(3);
                float[] w = new float[64 * 10];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (random.nextGaussian() / 8);
                }
                yield new Subject("digits logistic regression, TensorFlow", ModelSpec.of(TestGraphs.linear(
                        dir.resolve("logreg"), w, new float[10], 64)).withSampleShape(List.of(64)), digit);
            }
            case "digits-mlp-tf" -> new Subject("digits MLP 64-16-10, TensorFlow", ModelSpec.of(
                    TestGraphs.digitsMlp(dir.resolve("mlp-tf"), TestGraphs.Variant.PLAIN))
                    .withSampleShape(List.of(64)), digit);
            case "digits-mlp-pt" -> {
                Path torch = dir.resolve("digits-mlp.pt");
                try (InputStream in = ThreadBenchmark.class.getResourceAsStream(
                        "/org/secmlops/core/model/digits-mlp.pt")) {
                    Files.copy(in, torch);
                }
                yield new Subject("digits MLP 64-16-10, PyTorch", ModelSpec.of(torch).withSampleShape(List.of(64)),
                        digit);
            }
            case "digits-mlp-onnx" -> new Subject("digits MLP 64-16-10, ONNX Runtime", ModelSpec.of(
                    ModelTestAccess.digitsMlpOnnx(dir.resolve("mlp.onnx"))).withSampleShape(List.of(64)), digit);
            case "fashion-cnn-tf" -> new Subject("Fashion-MNIST CNN, TensorFlow", ModelSpec.of(
                    ModelTestAccess.fashionCnnSavedModel(dir.resolve("fashion-tf"))).withSampleShape(List.of(28, 28, 1)),
                    fashionNhwc);
            case "fashion-cnn-onnx" -> new Subject("Fashion-MNIST CNN, ONNX Runtime", ModelSpec.of(
                    ModelTestAccess.fashionCnnOnnx(dir.resolve("fashion.onnx"))).withSampleShape(List.of(1, 28, 28)),
                    fashionNchw);
            case "fashion-cnn-pt" -> {
                Path torch = ModelTestAccess.fashionCnnTorchScript(dir.resolve("fashion-pt"));
                yield torch == null ? null : new Subject("Fashion-MNIST CNN, PyTorch",
                        ModelSpec.of(torch).withSampleShape(List.of(1, 28, 28)), fashionNchw);
            }
            case "cifar-cnn-tf" -> new Subject("CIFAR-sized CNN (conv 32, conv 64, dense), TensorFlow", ModelSpec.of(
                    ModelTestAccess.cifarCnnSavedModel(dir.resolve("cifar"))).withSampleShape(List.of(32, 32, 3)),
                    new SampleGeometry(3, 32, 32, false));
            default -> throw new IllegalArgumentException("Unknown model " + name);
        };
    }

    private Row measure(Subject subject, int threads) throws Exception {
        int width = subject.geometry().channels() * subject.geometry().height() * subject.geometry().width();
        float[][] data = random(EVALUATE_SAMPLES, width, 11);
        try (LoadedModel model = Models.load(subject.spec().withThreads(threads).withDevice(DEVICE))) {
            int[] labels = labels(model, data);
            float[][] batch = Arrays.copyOf(data, BATCH);
            int[] batchLabels = Arrays.copyOf(labels, BATCH);
            double forward = perCall(() -> model.predict(batch));
            boolean gradients = model.supportsGradients();
            double backward = gradients ? perCall(() -> model.outputsAndGradient(batch, batchLabels)) : Double.NaN;
            double evaluate = best(3, () -> new ModelEvaluator(BATCH, Preprocessing.NONE, line -> { })
                    .evaluate(model, new ArraySource(data, labels, shape(subject))));
            double pgdSamplesPerSecond = Double.NaN;
            double ratio = Double.NaN;
            String calls = "";
            if (gradients) {
                float[][] x = Arrays.copyOf(data, PGD_SAMPLES);
                int[] y = Arrays.copyOf(labels, PGD_SAMPLES);
                InputBounds unit = InputBounds.uniform(width, 0, 1);
                PassCount[] passes = new PassCount[1];
                double pgdSeconds = best(3, () -> {
                    PassCount total = new PassCount(0, 0, 0, 0);
                    for (int from = 0; from < PGD_SAMPLES; from += BATCH) {
                        AttackTarget target = new AttackTarget(model, unit, subject.geometry());
                        new Pgd(Norm.LINF, 20, 0.25, true, 1).perturb(target,
                                Arrays.copyOfRange(x, from, from + BATCH),
                                Arrays.copyOfRange(y, from, from + BATCH), 1e-4, new SplittableRandom(from));
                        total = total.plus(target.passes());
                    }
                    passes[0] = total;
                });
                double raw = (passes[0].gradientCalls() * backward + passes[0].forwardCalls() * forward) / 1000;
                pgdSamplesPerSecond = PGD_SAMPLES / pgdSeconds;
                ratio = pgdSeconds / raw;
                calls = passes[0].gradientCalls() + "+" + passes[0].forwardCalls() + " calls";
            }
            EngineThreads chosen = model.threads();
            String label = threads == 0 ? "default" : Integer.toString(threads);
            System.err.printf(Locale.ROOT, "%s, %s on %s: %s%n", subject.name(), label, model.device(),
                    chosen.describe());
            return new Row(label, threads == 0 ? List.of(chosen.intraOp()) : List.of(), forward, backward,
                    EVALUATE_SAMPLES / evaluate, pgdSamplesPerSecond, ratio, calls);
        }
    }

    /**
     * One configuration's figures (the best of the rounds so far).
     *
     * @param chosen the intra-op threads the default chose in each round
     */
    private record Row(String label, List<Integer> chosen, double forward, double backward, double evaluate,
            double pgd, double ratio, String calls) {
        Row best(Row other) {
            List<Integer> all = new ArrayList<>(chosen);
            all.addAll(other.chosen);
            return new Row(label, all, Math.min(forward, other.forward), Math.min(backward, other.backward),
                    Math.max(evaluate, other.evaluate), Math.max(pgd, other.pgd), Math.min(ratio, other.ratio),
                    calls);
        }

        String markdown(String model) {
            String threads = chosen.isEmpty() ? label : "default (chose " + chosen.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")";
            return String.format(Locale.ROOT, "| %s | %s | %.3f | %s | %,.0f | %s | %s |", model, threads, forward,
                    Double.isNaN(backward) ? "n/a" : String.format(Locale.ROOT, "%.3f", backward), evaluate,
                    Double.isNaN(pgd) ? "n/a" : String.format(Locale.ROOT, "%,.0f", pgd),
                    Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f (%s)", ratio, calls));
        }
    }

    private static int[] shape(Subject subject) {
        List<Integer> shape = subject.spec().sampleShape();
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] labels(LoadedModel model, float[][] data) throws ModelException {
        int[] labels = new int[data.length];
        for (int from = 0; from < data.length; from += BATCH) {
            float[][] outputs = model.predict(Arrays.copyOfRange(data, from, from + BATCH));
            for (int i = 0; i < outputs.length; i++) {
                labels[from + i] = Losses.argmax(outputs[i]);
            }
        }
        return labels;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** The fastest of the calls made in {@link #MEASURE_SECONDS} after two warm-up calls, in milliseconds. */
    private static double perCall(Work work) throws Exception {
        work.run();
        work.run();
        double best = Double.POSITIVE_INFINITY;
        long end = System.nanoTime() + (long) (MEASURE_SECONDS * 1e9);
        int calls = 0;
        while (calls < 5 || System.nanoTime() < end) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
            calls++;
        }
        return best;
    }

    /** The fastest of {@code runs} runs after one warm-up, in seconds. */
    private static double best(int runs, Work work) throws Exception {
        work.run();
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private static float[][] random(int rows, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[rows][width];
        for (float[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        return x;
    }
}
