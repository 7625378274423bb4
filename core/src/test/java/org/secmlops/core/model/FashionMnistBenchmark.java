package org.secmlops.core.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Layout;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.evaluate.ModelEvaluator;

/**
 * Clean evaluation of a small MLP and CNN on the 60,000 Fashion-MNIST training images per engine, at batch 256:
 * DJL's raw batched {@link Predictor} (no-op translator, inputs prepared beforehand) against SecMLOps'
 * {@link ModelEvaluator} end to end (reading the gzipped IDX files, preprocessing, predicting, metrics). Not a
 * test; skipped unless {@code -Dsecmlops.benchmark=true}. See docs/benchmarks.md ("Evaluation") for the command.
 *
 * <p>{@code main(engine|all, net|all, passes, mode)}: mode {@code both} (default) measures raw and SecMLOps in one
 * JVM; {@code secmlops} loads only the SecMLOps path, so that the process's peak memory is that of an evaluation.
 */
@EnabledIfSystemProperty(named = "secmlops.benchmark", matches = "true")
class FashionMnistBenchmark {
    static final int BATCH = 256;
    /** The image file; its labels are the matching {@code labels-idx1} file. Gzipped or not. */
    static final Path IMAGES = Path.of(System.getProperty("secmlops.fashion.images",
            "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"));

    @TempDir
    Path dir;

    @Test
    void benchmark() throws Exception {
        run(dir, List.of(EngineKind.values()), List.of(FashionNets.Net.values()), 3, "both");
    }

    public static void main(String[] args) throws Exception {
        List<EngineKind> engines = args.length > 0 && !args[0].equals("all") ? List.of(EngineKind.parse(args[0]))
                : List.of(EngineKind.values());
        List<FashionNets.Net> nets = args.length > 1 && !args[1].equals("all")
                ? List.of(FashionNets.Net.valueOf(args[1].toUpperCase(Locale.ROOT))) : List.of(FashionNets.Net.values());
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String mode = args.length > 3 ? args[3] : "both";
        Path dir = Files.createTempDirectory("secmlops-fashion-bench");
        try {
            run(dir, engines, nets, passes, mode);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    static void run(Path dir, List<EngineKind> engines, List<FashionNets.Net> nets, int passes, String mode)
            throws Exception {
        FashionNets weights = new FashionNets();
        Path images = IMAGES;
        NativeLibraryProvisioner provisioner = NativeLibraryProvisioner.fromSystemProperties(line -> { });
        ModelLoader loader = new ModelLoader(provisioner, line -> { });
        System.out.printf(Locale.ROOT, "%s, %d cores, JDK %s, batch %d, %d passes, best pass shown%n", images,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), BATCH, passes);
        for (EngineKind engine : engines) {
            for (FashionNets.Net net : nets) {
                Path model = write(weights, engine, net, dir.resolve(engine.shortName() + "-" + net.file()));
                if (model == null) {
                    continue;
                }
                Preprocessing preprocessing = Preprocessing.inputRange(0f, 1f)
                        .withLayout(net == FashionNets.Net.MLP ? null
                                : engine == EngineKind.TENSORFLOW ? Layout.NHWC : Layout.NCHW);
                // As --input-shape: ONNX Runtime and TorchScript models here declare no per-sample shape to DJL.
                ModelSpec spec = ModelSpec.of(model);
                if (engine != EngineKind.TENSORFLOW) {
                    spec = spec.withSampleShape(Arrays.stream(net.sampleShape(engine)).mapToObj(d -> (int) d)
                            .toList());
                }
                switch (mode) {
                    case "both" -> both(engine, net, model, spec, images, preprocessing, loader, provisioner, weights,
                            passes);
                    case "raw" -> rawOnly(engine, net, model, images, preprocessing, provisioner, passes);
                    case "secmlops" -> secmlopsOnly(engine, net, spec, images, preprocessing, loader, passes);
                    default -> throw new IllegalArgumentException("mode is both, raw or secmlops: " + mode);
                }
            }
        }
    }

    private static Path write(FashionNets weights, EngineKind engine, FashionNets.Net net, Path dir)
            throws IOException, InterruptedException {
        return switch (engine) {
            case TENSORFLOW -> weights.writeSavedModel(net, dir);
            case ONNX -> weights.writeOnnx(net, dir.resolve("fashion-" + net.file() + ".onnx"));
            case PYTORCH -> weights.writeTorchScript(net, dir);
        };
    }

    /** Raw timings: best pass of the Predictor, the Predictor with NDArray creation, and block.forward. */
    record Raw(double predictor, double predictorWithCopy, double forward, float[] firstLogits, float[] firstImage) {
        double best() {
            return Math.min(predictor, forward);
        }
    }

    /** DJL alone on the preprocessed images, prepared before the clock starts. */
    static Raw raw(EngineKind engine, FashionNets.Net net, Path modelPath, Path images, Preprocessing preprocessing,
                   NativeLibraryProvisioner provisioner, int passes) throws Exception {
        List<float[]> flat = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        float[] first;
        try (SampleSource source = Datasets.open(DataSpec.of(images))) {
            int[] rawShape = source.sampleShape();
            for (Batch b = source.next(BATCH); b != null; b = source.next(BATCH)) {
                float[] rows = new float[b.size() * FashionNets.PIXELS];
                for (int i = 0; i < b.size(); i++) {
                    System.arraycopy(preprocessing.apply(b.features()[i], rawShape), 0, rows, i * FashionNets.PIXELS,
                            FashionNets.PIXELS);
                }
                flat.add(rows);
                sizes.add(b.size());
            }
            first = Arrays.copyOf(flat.get(0), FashionNets.PIXELS);
        }
        long[] sample = net.sampleShape(engine);
        double[] rawSeconds = new double[passes];
        double[] rawCopySeconds = new double[passes];
        double[] forwardSeconds = new double[passes];
        float[] rawFirst;
        provisioner.provision(engine);
        try (Model model = Model.newInstance("raw", Device.cpu(), engine.djlName())) {
            if (engine == EngineKind.TENSORFLOW) {
                model.load(modelPath, null, Map.of("Tags", "serve", "SignatureDefKey", "serving_default"));
            } else {
                model.load(modelPath.getParent(), modelPath.getFileName().toString());
            }
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                 NDManager manager = model.getNDManager().newSubManager()) {
                List<NDArray> inputs = new ArrayList<>();
                for (int b = 0; b < flat.size(); b++) {
                    inputs.add(array(manager, flat.get(b), sizes.get(b), sample, engine));
                }
                for (int i = 0; i < 20; i++) {
                    predictor.predict(new NDList(inputs.get(i))).head().toFloatArray();
                }
                rawFirst = Arrays.copyOf(predictor.predict(new NDList(inputs.get(0))).head().toFloatArray(),
                        FashionNets.CLASSES);
                for (int p = 0; p < passes; p++) {
                    long start = System.nanoTime();
                    for (NDArray x : inputs) {
                        NDList out = predictor.predict(new NDList(x));
                        out.head().toFloatArray();
                        out.close();
                    }
                    rawSeconds[p] = (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    for (int b = 0; b < flat.size(); b++) {
                        try (NDManager batch = manager.newSubManager()) {
                            NDList out = predictor.predict(new NDList(array(batch, flat.get(b), sizes.get(b), sample,
                                    engine)));
                            out.head().toFloatArray();
                            out.close();
                        }
                    }
                    rawCopySeconds[p] = (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    for (NDArray x : inputs) {
                        try (NDManager batch = manager.newSubManager()) {
                            NDList out = model.getBlock().forward(new ParameterStore(batch, false), new NDList(x),
                                    false);
                            out.head().toFloatArray();
                            out.close();
                        }
                    }
                    forwardSeconds[p] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        flat.clear();
        return new Raw(min(rawSeconds), min(rawCopySeconds), min(forwardSeconds), rawFirst, first);
    }

    private static void rawOnly(EngineKind engine, FashionNets.Net net, Path modelPath, Path images,
                                Preprocessing preprocessing, NativeLibraryProvisioner provisioner, int passes)
            throws Exception {
        Raw raw = raw(engine, net, modelPath, images, preprocessing, provisioner, passes);
        int n = 60_000;
        System.out.printf(Locale.ROOT, "%-12s %-3s raw only: Predictor %.3f s (%.0f rows/s), block.forward %.3f s"
                        + " (%.0f rows/s), Predictor with NDArray creation %.3f s (%.0f rows/s) | %s%n",
                engineName(engine), net, raw.predictor(), n / raw.predictor(), raw.forward(), n / raw.forward(),
                raw.predictorWithCopy(), n / raw.predictorWithCopy(), memory());
    }

    /** Raw Predictor and SecMLOps in one JVM, with a check that both give the Java reference logits. */
    private static void both(EngineKind engine, FashionNets.Net net, Path modelPath, ModelSpec spec, Path images,
                             Preprocessing preprocessing, ModelLoader loader, NativeLibraryProvisioner provisioner,
                             FashionNets weights, int passes) throws Exception {
        Raw rawRun = raw(engine, net, modelPath, images, preprocessing, provisioner, passes);
        float[] first = rawRun.firstImage();
        float[] rawFirst = rawRun.firstLogits();
        double[] wall = new double[passes];
        double[] modelTime = new double[passes];
        double[] dataSeconds = new double[passes];
        float[] secmlopsFirst;
        EvaluationReport report = null;
        try (LoadedModel loaded = loader.load(spec)) {
            secmlopsFirst = loaded.predict(new float[][] {first})[0];
            evaluate(loaded, images, preprocessing); // warm-up pass
            for (int p = 0; p < passes; p++) {
                dataSeconds[p] = dataOnly(images, preprocessing);
                long start = System.nanoTime();
                report = evaluate(loaded, images, preprocessing);
                wall[p] = (System.nanoTime() - start) / 1e9;
                modelTime[p] = report.samples() / report.throughput();
            }
        }
        float[] reference = weights.logits(net, first);
        double diff = Math.max(maxDiff(reference, rawFirst), maxDiff(reference, secmlopsFirst));
        int n = report.samples() > 0 ? (int) report.samples() : 60_000;
        // The engine's own forward pass: the faster of the Predictor and the block called directly.
        double raw = rawRun.best();
        double ours = min(wall);
        System.out.printf(Locale.ROOT, "%-12s %-3s raw Predictor %7.0f rows/s, block.forward %7.0f, Predictor with"
                        + " NDArray creation %7.0f | SecMLOps %7.0f rows/s: +%5.1f%% over raw, %4.1f%% of the time"
                        + " outside the forward pass | SecMLOps model time %6.3f s, data alone %6.3f s, wall %6.3f s,"
                        + " raw %6.3f s | |Δlogit| %.1e, accuracy %.4f | %s%n",
                engineName(engine), net, n / rawRun.predictor(), n / rawRun.forward(), n / rawRun.predictorWithCopy(),
                n / ours, 100 * (ours - raw) / raw, 100 * (ours - raw) / ours, min(modelTime), min(dataSeconds), ours,
                raw, diff, report.accuracy(), memory());
    }

    /** Only the SecMLOps path, so that peak memory is an evaluation's: a first (cold) pass, then timed passes. */
    private static void secmlopsOnly(EngineKind engine, FashionNets.Net net, ModelSpec spec, Path images,
                                     Preprocessing preprocessing, ModelLoader loader, int passes) throws Exception {
        long start = System.nanoTime();
        try (LoadedModel loaded = loader.load(spec)) {
            double load = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            EvaluationReport report = evaluate(loaded, images, preprocessing);
            double cold = (System.nanoTime() - start) / 1e9;
            double[] wall = new double[passes];
            double[] modelTime = new double[passes];
            double[] dataSeconds = new double[passes];
            for (int p = 0; p < passes; p++) {
                dataSeconds[p] = dataOnly(images, preprocessing);
                start = System.nanoTime();
                EvaluationReport again = evaluate(loaded, images, preprocessing);
                wall[p] = (System.nanoTime() - start) / 1e9;
                modelTime[p] = again.samples() / again.throughput();
            }
            System.out.printf(Locale.ROOT, "%-12s %-3s SecMLOps only: load %.2f s, first pass %.3f s (%.0f rows/s),"
                            + " best of %d later passes %.3f s (%.0f rows/s; its predict calls %.3f s, reading and"
                            + " preprocessing alone %.3f s) | %s%n", engineName(engine), net, load, cold,
                    report.samples() / cold, passes, min(wall), report.samples() / min(wall), min(modelTime),
                    min(dataSeconds), memory());
        }
    }

    private static EvaluationReport evaluate(LoadedModel model, Path images, Preprocessing preprocessing)
            throws Exception {
        try (SampleSource source = Datasets.open(DataSpec.of(images))) {
            return new ModelEvaluator(BATCH, preprocessing, line -> { }).evaluate(model, source);
        }
    }

    /** Reading and preprocessing alone, as the evaluator does them. */
    private static double dataOnly(Path images, Preprocessing preprocessing) throws Exception {
        long start = System.nanoTime();
        float sink = 0;
        try (SampleSource source = Datasets.open(DataSpec.of(images))) {
            int[] rawShape = source.sampleShape();
            for (Batch b = source.next(BATCH); b != null; b = source.next(BATCH)) {
                for (float[] row : b.features()) {
                    sink += preprocessing.apply(row, rawShape)[0];
                }
            }
        }
        if (sink == -1) {
            System.out.print("");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static NDArray array(NDManager manager, float[] rows, int n, long[] sample, EngineKind engine) {
        long[] dims = new long[sample.length + 1];
        dims[0] = n;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        NDArray x = manager.create(rows, new Shape(dims));
        x.setName("x");
        return x;
    }

    private static String engineName(EngineKind engine) {
        return switch (engine) {
            case TENSORFLOW -> "TensorFlow";
            case PYTORCH -> "PyTorch";
            case ONNX -> "ONNX Runtime";
        };
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** Peak heap (sum of the heap pools' peaks) and the process's peak resident memory (VmHWM). */
    static String memory() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        String hwm = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = String.format(Locale.ROOT, "%.0f MiB",
                            Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            hwm = "? (" + e.getMessage() + ")";
        }
        return String.format(Locale.ROOT, "peak heap %.0f MiB (max %.0f MiB), peak RSS %s",
                heap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0, hwm);
    }
}
