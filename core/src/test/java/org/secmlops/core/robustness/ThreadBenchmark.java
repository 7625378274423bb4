package org.secmlops.core.robustness;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.evaluate.ModelEvaluator;
import org.secmlops.core.model.CalibrationPass;
import org.secmlops.core.model.DeviceChoice;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.model.Outputs;

/**
 * The loader's default thread choice against a hand sweep of intra-op threads, per model from tiny to CIFAR-sized
 * on TensorFlow, PyTorch and ONNX Runtime: raw forward and forward+backward time per batch of 64, evaluate throughput
 * ({@link ModelEvaluator} on samples in memory), FGSM, PGD-20, APGD-20 and Square-100 throughput (ε = 1e-4, so nothing
 * breaks early and every sample pays every pass), PGD-20's wall time against its passes times the raw pass time, and,
 * for TorchScript models, the same raw passes in PyTorch itself from Python ({@code benchmark_nets.py}, Debian's
 * {@code python3-torch}) as the external reference. Not a test; run it as a program (the result is a Markdown table
 * and, per model, how far the default is from the best configuration):
 * {@code OMP_WAIT_POLICY=PASSIVE java -cp "$CP" org.secmlops.core.robustness.ThreadBenchmark [model ...]}.
 */
public final class ThreadBenchmark {
    private static final int BATCH = 64;
    private static final int EVALUATE_SAMPLES = 2048;
    /** An evaluate or attack measurement repeats the work until it lasts at least this long. */
    private static final double RUN_SECONDS = 0.25;
    private static final double MEASURE_SECONDS = 0.4;
    private static final double EPS = 1e-4;
    private static final int SQUARE_QUERIES = 100;
    /** Rounds over all configurations of a model; each figure is the best of its rounds. */
    private static final int ROUNDS = Integer.getInteger("rounds", 3);
    /** {@code -Ddevice=gpu} for the GPU smoke benchmark (TensorFlow models; the thread sweep is then moot). */
    private static final DeviceChoice DEVICE = DeviceChoice.parse(System.getProperty("device", "cpu"));
    private static final List<String> ALL = List.of("digits-logreg-tf", "digits-logreg-pt", "digits-logreg-onnx",
            "digits-mlp-tf", "digits-mlp-pt", "digits-mlp-onnx", "digits-cnn-tf", "digits-cnn-pt", "digits-cnn-onnx",
            "fashion-cnn-tf", "fashion-cnn-pt", "fashion-cnn-onnx", "cifar-cnn-tf", "cifar-cnn-pt", "cifar-cnn-onnx",
            "cifar-resnet-tf", "cifar-resnet-pt", "cifar-resnet-onnx");
    private static final List<String> ATTACKS = List.of("FGSM", "PGD-20", "APGD-20", "Square-100");

    private final Path dir;
    private Path script;

    private ThreadBenchmark(Path dir) {
        this.dir = dir;
    }

    /**
     * A model of the benchmark set: how to load it, the shape of one sample as it takes it, the samples each attack
     * measurement runs on, and its TorchScript file when PyTorch itself can time it.
     */
    private record Subject(String name, ModelSpec spec, SampleGeometry geometry, int attackSamples, Path torchScript) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("secmlops-thread-benchmark");
        ThreadBenchmark benchmark = new ThreadBenchmark(dir);
        List<String> names = args.length == 0 ? ALL : List.of(args);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%d processors, OMP_WAIT_POLICY=%s, batch %d, device %s, %d rounds%n", cores,
                System.getenv("OMP_WAIT_POLICY"), BATCH, DEVICE, ROUNDS);
        System.out.println("| Model | Threads | Forward ms | Fwd+bwd ms | Evaluate samples/s | "
                + String.join(" samples/s | ", ATTACKS) + " samples/s | PGD-20 ÷ passes (fastest / median pass) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        List<String> verdicts = new ArrayList<>();
        boolean warm = false;
        for (String name : names) {
            Subject subject = benchmark.subject(name);
            if (subject == null) {
                System.out.println("| " + name + " | not available on this machine | | | | | | | | |");
                continue;
            }
            List<Integer> configurations = new ArrayList<>();
            configurations.add(0);
            for (int threads = 1; threads <= cores; threads++) {
                configurations.add(threads);
            }
            if (!warm) {
                benchmark.measure(subject, 0); // the JVM's first measurement warms the JIT; discarded
                warm = true;
            }
            Row[] best = new Row[configurations.size()];
            for (int round = 0; round < ROUNDS; round++) { // each round starts with the next configuration
                for (int k = 0; k < configurations.size(); k++) {
                    int c = (k + round) % configurations.size();
                    Row row = benchmark.measure(subject, configurations.get(c));
                    best[c] = best[c] == null ? row : best[c].best(row);
                }
            }
            for (Row row : best) {
                System.out.println(row.markdown(subject.name()));
            }
            if (subject.torchScript() != null) {
                for (int threads = 1; threads <= cores; threads++) {
                    System.out.println(benchmark.pytorchReference(subject, threads));
                }
            }
            verdicts.add(subject.name() + ": " + verdict(best));
        }
        System.out.println();
        System.out.println("Default against the best configuration (throughput, 100 % = the best):");
        verdicts.forEach(line -> System.out.println("- " + line));
    }

    /** The default's throughput as a share of the best configuration's, per measure. */
    private static String verdict(Row[] rows) {
        List<String> parts = new ArrayList<>();
        parts.add(share("evaluate", rows, Row::evaluate));
        for (String attack : ATTACKS) {
            if (!Double.isNaN(rows[0].attacks().get(attack))) {
                parts.add(share(attack, rows, row -> row.attacks().get(attack)));
            }
        }
        return String.join(", ", parts);
    }

    private static String share(String measure, Row[] rows, ToDoubleFunction<Row> value) {
        double best = Arrays.stream(rows).mapToDouble(value).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%s %.0f %%", measure, 100 * value.applyAsDouble(rows[0]) / best);
    }

    private Subject subject(String name) throws Exception {
        SampleGeometry digit = new SampleGeometry(1, 8, 8, false);
        SampleGeometry digitNchw = new SampleGeometry(1, 8, 8, true);
        SampleGeometry fashionNhwc = new SampleGeometry(1, 28, 28, false);
        SampleGeometry fashionNchw = new SampleGeometry(1, 28, 28, true);
        SampleGeometry cifarNhwc = new SampleGeometry(3, 32, 32, false);
        SampleGeometry cifarNchw = new SampleGeometry(3, 32, 32, true);
        return switch (name) {
            case "digits-logreg-tf" -> {
                SplittableRandom random = new SplittableRandom(3);
                float[] w = new float[64 * 10];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (random.nextGaussian() / 8);
                }
                yield new Subject("digits logistic regression, TensorFlow", ModelSpec.of(TestGraphs.linear(
                        dir.resolve("logreg"), w, new float[10], 64)).withSampleShape(List.of(64)), digit, 256, null);
            }
            case "digits-logreg-pt", "digits-logreg-onnx" -> python(name, "digits logistic regression", List.of(64),
                    digit, 256);
            case "digits-mlp-tf" -> new Subject("digits MLP 64-16-10, TensorFlow", ModelSpec.of(
                    TestGraphs.digitsMlp(dir.resolve("mlp-tf"), TestGraphs.Variant.PLAIN))
                    .withSampleShape(List.of(64)), digit, 256, null);
            case "digits-mlp-pt" -> {
                Path torch = dir.resolve("digits-mlp.pt");
                try (InputStream in = ThreadBenchmark.class.getResourceAsStream(
                        "/org/secmlops/core/model/digits-mlp.pt")) {
                    Files.copy(in, torch, StandardCopyOption.REPLACE_EXISTING);
                }
                yield new Subject("digits MLP 64-16-10, PyTorch", ModelSpec.of(torch).withSampleShape(List.of(64)),
                        digit, 256, torch);
            }
            case "digits-mlp-onnx" -> new Subject("digits MLP 64-16-10, ONNX Runtime", ModelSpec.of(
                    ModelTestAccess.digitsMlpOnnx(dir.resolve("mlp.onnx"))).withSampleShape(List.of(64)), digit, 256,
                    null);
            case "digits-cnn-tf" -> new Subject("digits CNN (conv 16, conv 32, dense), TensorFlow", ModelSpec.of(
                    ModelTestAccess.digitsCnnSavedModel(dir.resolve("digits-cnn-tf"))).withSampleShape(
                    List.of(8, 8, 1)), digit, 256, null);
            case "digits-cnn-pt", "digits-cnn-onnx" -> python(name, "digits CNN (conv 16, conv 32, dense)",
                    List.of(1, 8, 8), digitNchw, 256);
            case "fashion-cnn-tf" -> new Subject("Fashion-MNIST CNN, TensorFlow", ModelSpec.of(
                    ModelTestAccess.fashionCnnSavedModel(dir.resolve("fashion-tf"))).withSampleShape(List.of(28, 28, 1)),
                    fashionNhwc, 256, null);
            case "fashion-cnn-onnx" -> new Subject("Fashion-MNIST CNN, ONNX Runtime", ModelSpec.of(
                    ModelTestAccess.fashionCnnOnnx(dir.resolve("fashion.onnx"))).withSampleShape(List.of(1, 28, 28)),
                    fashionNchw, 256, null);
            case "fashion-cnn-pt" -> {
                Path torch = ModelTestAccess.fashionCnnTorchScript(dir.resolve("fashion-pt"));
                yield torch == null ? null : new Subject("Fashion-MNIST CNN, PyTorch",
                        ModelSpec.of(torch).withSampleShape(List.of(1, 28, 28)), fashionNchw, 256, torch);
            }
            case "cifar-cnn-tf" -> new Subject("CIFAR-sized CNN (conv 32, conv 64, dense), TensorFlow", ModelSpec.of(
                    ModelTestAccess.cifarCnnSavedModel(dir.resolve("cifar"))).withSampleShape(List.of(32, 32, 3)),
                    cifarNhwc, 64, null);
            case "cifar-cnn-pt", "cifar-cnn-onnx" -> python(name, "CIFAR-sized CNN (conv 32, conv 64, dense)",
                    List.of(3, 32, 32), cifarNchw, 64);
            case "cifar-resnet-tf" -> new Subject("CIFAR-sized ResNet-8, TensorFlow", ModelSpec.of(
                    ModelTestAccess.cifarResNetSavedModel(dir.resolve("resnet"))).withSampleShape(List.of(32, 32, 3)),
                    cifarNhwc, 64, null);
            case "cifar-resnet-pt", "cifar-resnet-onnx" -> python(name, "CIFAR-sized ResNet-8", List.of(3, 32, 32),
                    cifarNchw, 64);
            default -> throw new IllegalArgumentException("Unknown model " + name);
        };
    }

    /** A net {@code benchmark_nets.py} writes, as TorchScript ({@code -pt}) or ONNX; {@code null} without torch. */
    private Subject python(String name, String title, List<Integer> shape, SampleGeometry geometry, int attackSamples)
            throws Exception {
        boolean torch = name.endsWith("-pt");
        String net = name.substring(0, name.lastIndexOf('-'));
        Path prefix = dir.resolve(net);
        Path file = dir.resolve(net + (torch ? ".pt" : ".onnx"));
        if (!Files.exists(file)) {
            String log = runScript("make", net, prefix.toString());
            if (log == null) {
                return null;
            }
        }
        return new Subject(title + (torch ? ", PyTorch" : ", ONNX Runtime"),
                ModelSpec.of(file).withSampleShape(shape), geometry, attackSamples, torch ? file : null);
    }

    /** Runs {@code benchmark_nets.py} with Debian's Python; its output, or {@code null} (reason on stderr). */
    private String runScript(String... args) throws Exception {
        if (script == null) {
            script = dir.resolve("benchmark_nets.py");
            try (InputStream in = ThreadBenchmark.class.getResourceAsStream("benchmark_nets.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            System.err.println("benchmark_nets.py " + String.join(" ", args)
                    + " failed (needs /usr/bin/python3 with torch): " + log.strip());
            return null;
        }
        return log;
    }

    /** The raw passes of the subject's TorchScript file in PyTorch itself, as a table row. */
    private String pytorchReference(Subject subject, int threads) throws Exception {
        String shape = subject.spec().sampleShape().stream().map(String::valueOf)
                .collect(Collectors.joining(","));
        String log = runScript("time", subject.torchScript().toString(), shape, Integer.toString(BATCH),
                Integer.toString(threads), Double.toString(MEASURE_SECONDS));
        if (log == null) {
            return "| " + subject.name() + " | PyTorch from Python not available | | | | | | | | |";
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : log.strip().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return String.format(Locale.ROOT, "| %s | PyTorch %s from Python, %s | %.3f | %.3f | | | | | | |",
                subject.name(), fields.get("torch"), fields.get("threads"),
                Double.parseDouble(fields.get("forward")), Double.parseDouble(fields.get("backward")));
    }

    /**
     * One configuration of a model. The default is loaded as the product loads it: for evaluation with a thread
     * choice timed on forward passes, for the attacks with one timed on forward+backward passes
     * ({@link CalibrationPass}).
     */
    private Row measure(Subject subject, int threads) throws Exception {
        int width = subject.geometry().channels() * subject.geometry().height() * subject.geometry().width();
        float[][] data = random(EVALUATE_SAMPLES, width, 11);
        String label = threads == 0 ? "default" : Integer.toString(threads);
        ModelSpec spec = subject.spec().withThreads(threads).withDevice(DEVICE);
        double forward;
        double evaluate;
        Attacks attacks = null;
        String chosen;
        try (LoadedModel model = Models.load(spec)) {
            float[][] batch = Arrays.copyOf(data, BATCH);
            forward = perCall(() -> model.predict(batch));
            int[] cyclic = new int[EVALUATE_SAMPLES];
            Arrays.setAll(cyclic, i -> i % 10);
            evaluate = EVALUATE_SAMPLES / repeated(() -> new ModelEvaluator(BATCH, Preprocessing.NONE,
                    line -> { }).evaluate(model, new ArraySource(data, cyclic, shape(subject))));
            chosen = Integer.toString(model.threads().intraOp());
            log(subject, label + " (evaluation)", model);
            if (threads != 0) {
                attacks = attacks(subject, model, data);
            }
        }
        if (threads == 0) {
            try (LoadedModel attacked = Models.load(spec.withCalibrationPass(CalibrationPass.GRADIENT))) {
                attacks = attacks(subject, attacked, data);
                chosen += "/" + attacked.threads().intraOp();
                log(subject, label + " (attacks)", attacked);
            }
        }
        return new Row(label, threads == 0 ? List.of(chosen) : List.of(), forward, attacks.backward(), evaluate,
                attacks.throughput(), attacks.ratio(), attacks.medianRatio(), attacks.calls());
    }

    private static void log(Subject subject, String label, LoadedModel model) {
        System.err.printf(Locale.ROOT, "%s, %s on %s: %s%n", subject.name(), label, model.device(),
                model.threads().describe());
    }

    /**
     * What the attacks measured on one model: its forward+backward pass, samples per second per attack (NaN where
     * the model has no gradients), and PGD-20's wall time against its passes.
     */
    private record Attacks(double backward, Map<String, Double> throughput, double ratio,
            double medianRatio, String calls) {
    }

    private Attacks attacks(Subject subject, LoadedModel model, float[][] data) throws Exception {
        int width = data[0].length;
        int[] labels = labels(model, data);
        float[][] batch = Arrays.copyOf(data, BATCH);
        int[] batchLabels = Arrays.copyOf(labels, BATCH);
        Calls forward = calls(() -> model.predict(batch));
        boolean gradients = model.supportsGradients();
        Calls backward = gradients ? calls(() -> model.outputsAndGradient(batch, batchLabels)) : null;
        int samples = subject.attackSamples();
        float[][] x = Arrays.copyOf(data, samples);
        int[] y = Arrays.copyOf(labels, samples);
        InputBounds unit = InputBounds.uniform(width, 0, 1);
        Map<String, Double> throughput = new LinkedHashMap<>();
        double ratio = Double.NaN;
        double medianRatio = Double.NaN;
        String calls = "";
        for (String name : ATTACKS) {
            Attack attack = attack(name);
            if (attack.whiteBox() && !gradients) {
                throughput.put(name, Double.NaN);
                continue;
            }
            PassCount[] passes = new PassCount[1];
            double seconds = repeated(() -> passes[0] = run(attack, model, unit, subject.geometry(), x, y));
            throughput.put(name, samples / seconds);
            if (name.equals("PGD-20")) {
                PassCount p = passes[0];
                ratio = seconds * 1000 / (p.gradientCalls() * backward.fastest() + p.forwardCalls() * forward.fastest());
                medianRatio = seconds * 1000 / (p.gradientCalls() * backward.median() + p.forwardCalls()
                        * forward.median());
                calls = passes[0].gradientCalls() + "+" + passes[0].forwardCalls() + " calls";
            }
        }
        return new Attacks(backward == null ? Double.NaN : backward.fastest(), throughput, ratio, medianRatio, calls);
    }

    private static Attack attack(String name) {
        return switch (name) {
            case "FGSM" -> new Fgsm(Norm.LINF);
            case "PGD-20" -> new Pgd(Norm.LINF, 20, 0.25, true, 1);
            case "APGD-20" -> new Apgd(Norm.LINF, 20, true, 1);
            case "Square-100" -> new SquareAttack(Norm.LINF, SQUARE_QUERIES);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** One attack over the samples in batches; the passes it made. */
    private static PassCount run(Attack attack, LoadedModel model, InputBounds bounds, SampleGeometry geometry,
            float[][] x, int[] y) throws Exception {
        PassCount total = new PassCount(0, 0, 0, 0);
        for (int from = 0; from < x.length; from += BATCH) {
            int to = Math.min(x.length, from + BATCH);
            AttackTarget target = new AttackTarget(model, bounds, geometry);
            attack.perturb(target, Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to), EPS,
                    new SplittableRandom(from));
            total = total.plus(target.passes());
        }
        return total;
    }

    /**
     * One configuration's figures (the best of the rounds so far).
     *
     * @param chosen  the intra-op threads the default chose in each round, "evaluation/attacks"
     * @param attacks samples per second per attack, NaN where the model has no gradients
     */
    private record Row(String label, List<String> chosen, double forward, double backward, double evaluate,
            Map<String, Double> attacks, double ratio, double medianRatio, String calls) {
        Row best(Row other) {
            List<String> all = new ArrayList<>(chosen);
            all.addAll(other.chosen);
            Map<String, Double> fastest = new LinkedHashMap<>();
            attacks.forEach((name, value) -> fastest.put(name, Math.max(value, other.attacks.get(name))));
            return new Row(label, all, Math.min(forward, other.forward), Math.min(backward, other.backward),
                    Math.max(evaluate, other.evaluate), fastest, Math.min(ratio, other.ratio),
                    Math.min(medianRatio, other.medianRatio), calls);
        }

        String markdown(String model) {
            String threads = chosen.isEmpty() ? label : "default (chose " + String.join(", ", chosen) + ")";
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %.3f | %s | %,.0f |", model,
                    threads, forward, Double.isNaN(backward) ? "n/a" : String.format(Locale.ROOT, "%.3f", backward),
                    evaluate));
            for (double value : attacks.values()) {
                line.append(Double.isNaN(value) ? " n/a |" : String.format(Locale.ROOT, " %,.0f |", value));
            }
            line.append(Double.isNaN(ratio) ? " |" : String.format(Locale.ROOT, " %.2f / %.2f (%s) |", ratio,
                    medianRatio, calls));
            return line.toString();
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
                labels[from + i] = Outputs.argmax(outputs[i]);
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
        return calls(work).fastest();
    }

    /** The fastest and the median call, in milliseconds. */
    private record Calls(double fastest, double median) {
    }

    /** The calls made in {@link #MEASURE_SECONDS} (at least 5) after two warm-up calls. */
    private static Calls calls(Work work) throws Exception {
        work.run();
        work.run();
        List<Double> millis = new ArrayList<>();
        long end = System.nanoTime() + (long) (MEASURE_SECONDS * 1e9);
        while (millis.size() < 5 || System.nanoTime() < end) {
            long start = System.nanoTime();
            work.run();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        millis.sort(null);
        return new Calls(millis.get(0), millis.get(millis.size() / 2));
    }

    /**
     * Seconds per run of the work: repeated until one measurement lasts {@link #RUN_SECONDS}, the fastest of three
     * measurements after one warm-up, divided by the repetitions (a sub-millisecond attack on a tiny model is
     * otherwise timed by the scheduler's noise).
     */
    private static double repeated(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        double once = Math.max(1e-6, (System.nanoTime() - start) / 1e9);
        int repetitions = (int) Math.max(1, Math.ceil(RUN_SECONDS / once));
        return best(3, () -> {
            for (int r = 0; r < repetitions; r++) {
                work.run();
            }
        }) / repetitions;
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
