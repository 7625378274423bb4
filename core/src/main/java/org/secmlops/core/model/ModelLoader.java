package org.secmlops.core.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;
import org.secmlops.core.scan.ModelScanner;
import org.secmlops.core.scan.ScanException;
import org.secmlops.core.scan.ScanLimits;
import org.secmlops.core.scan.ScanPolicy;

/**
 * Loads models safely: scans the model with the default scan policy first and refuses CRITICAL findings
 * (unless the spec allows unsafe models), provisions the engine's native libraries, then loads the model
 * through DJL on the chosen device.
 *
 * <pre>{@code
 * try (LoadedModel model = new ModelLoader(provisioner, log::println).load(ModelSpec.of(Path.of("model/")))) {
 *     float[][] logits = model.predict(batch);
 * }
 * }</pre>
 */
public final class ModelLoader {
    /** The DJL system properties that fix an engine's intra-op threads for the whole JVM. */
    private static final Map<EngineKind, String> THREAD_PROPERTIES = Map.of(
            EngineKind.TENSORFLOW, "ai.djl.tensorflow.num_intraop_threads",
            EngineKind.PYTORCH, "ai.djl.pytorch.num_threads");
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final NativeLibraryProvisioner provisioner;
    private final Consumer<String> progress;

    public ModelLoader(NativeLibraryProvisioner provisioner, Consumer<String> progress) {
        this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Scans and loads the model.
     *
     * @throws UnsafeModelException   when the scan finds CRITICAL content and the spec does not allow it
     * @throws NativeLibraryException when the engine's native libraries cannot be provided
     * @throws ModelException         when the model is missing, malformed or cannot be loaded
     */
    public LoadedModel load(ModelSpec spec) throws ModelException {
        Path path = spec.path();
        if (!Files.exists(path)) {
            throw new ModelException("Model not found: " + path);
        }
        scan(path, spec.allowUnsafe());
        ModelFileCheck.requireRunnable(path);
        EngineKind engine = spec.engine() != null ? spec.engine() : EngineKind.detect(path);
        progress.accept("engine " + engine.djlName() + ": " + provisioner.provision(engine));
        Engine djl;
        try {
            djl = Engine.getEngine(engine.djlName());
        } catch (RuntimeException | LinkageError e) {
            throw new ModelException("Cannot start the " + engine.djlName() + " engine: " + e, e);
        }
        Device device = device(djl, spec.device());
        String engineName = engine.djlName() + " " + djl.getVersion();
        String key = THREAD_PROPERTIES.get(engine);
        Integer property = key == null ? null : Integer.getInteger(key);
        int initial = spec.threads() > 0 ? spec.threads() : property != null && property > 0 ? property : cores;
        ThreadCalibration.Reopen open = threads -> open(engine, path, spec, device, engineName, threads);
        ThreadedModel model = (ThreadedModel) open.open(initial);
        if (model instanceof TfSavedModel savedModel) {
            String metadata = SavedModelMetadata.read(Files.isDirectory(path) ? path
                    : path.toAbsolutePath().getParent()).describe();
            progress.accept(savedModel.describe() + (metadata.isEmpty() ? "" : "; " + metadata));
        }
        progress.accept("loaded " + path + " with " + engineName + " (DJL " + Engine.getDjlVersion() + ") on "
                + model.device() + ", input " + model.inputName() + ", output " + model.outputName());
        int interOp = interOpThreads(engine);
        EngineThreads threads;
        if (spec.threads() > 0) {
            threads = EngineThreads.untimed(initial, interOp, "--threads");
        } else if (property != null && property > 0) {
            threads = EngineThreads.untimed(initial, interOp, "system property");
        } else if (!model.device().startsWith("cpu")) {
            // the model runs on the accelerator; the CPU threads only feed it
            threads = EngineThreads.untimed(initial, interOp, "default");
        } else {
            ThreadCalibration.Choice choice;
            long start = System.nanoTime();
            try {
                choice = new ThreadCalibration(cores).choose(model, width(spec, model), interOp,
                        engine == EngineKind.PYTORCH ? null : open, spec.calibration());
            } catch (ModelException | RuntimeException e) {
                model.close();
                throw e;
            }
            model = (ThreadedModel) choice.model();
            threads = choice.threads().withCalibrationMillis((System.nanoTime() - start) / 1e6);
        }
        model.threads(threads);
        progress.accept("engine threads: " + threads.describe());
        return model;
    }

    private static LoadedModel open(EngineKind engine, Path path, ModelSpec spec, Device device, String engineName,
            int threads) throws ModelException {
        return switch (engine) {
            case TENSORFLOW -> TfSavedModel.load(Files.isDirectory(path) ? path : path.toAbsolutePath().getParent(),
                    spec, device, engineName, threads);
            case PYTORCH, ONNX -> DjlBlockModel.load(engine, path, spec, device, engineName, threads);
        };
    }

    /**
     * The inter-op threads: TensorFlow runs the graph's ops in the calling thread unless its DJL property says
     * otherwise (0 here), ONNX Runtime gets one, PyTorch keeps what its engine was started with (process-wide).
     */
    private static int interOpThreads(EngineKind engine) {
        return switch (engine) {
            case TENSORFLOW -> Math.max(0, Integer.getInteger("ai.djl.tensorflow.num_interop_threads", 0));
            case ONNX -> 1;
            case PYTORCH -> ai.djl.pytorch.jni.JniUtils.getNumInteropThreads();
        };
    }

    /** The values of one sample, from the spec or the model; 0 when neither knows. */
    private static int width(ModelSpec spec, LoadedModel model) {
        List<Integer> shape = spec.sampleShape();
        if (!shape.isEmpty()) {
            return shape.stream().mapToInt(Integer::intValue).reduce(1, Math::multiplyExact);
        }
        int[] known = model.sampleShape();
        return known == null ? 0 : java.util.Arrays.stream(known).reduce(1, Math::multiplyExact);
    }

    private void scan(Path path, boolean allowUnsafe) throws ModelException {
        ScanReport report;
        try {
            report = new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults()).scan(path, line -> { });
        } catch (ScanException e) {
            throw new ModelException("Cannot scan the model before loading it: " + e.getMessage(), e);
        }
        List<ScanFinding> critical = report.findings().stream()
                .filter(f -> f.severity() == Severity.CRITICAL).toList();
        progress.accept("pre-load scan of " + path + ": " + report.filesScanned() + " files, "
                + report.findings().size() + " findings, " + critical.size() + " critical");
        if (!critical.isEmpty()) {
            if (!allowUnsafe) {
                throw new UnsafeModelException(critical);
            }
            progress.accept("WARNING: loading a model with " + critical.size()
                    + " CRITICAL findings because unsafe models are allowed");
        }
    }

    private static Device device(Engine engine, DeviceChoice choice) throws ModelException {
        int gpus = engine.getGpuCount();
        return switch (choice) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new ModelException(engine.getEngineName() + " sees no GPU; use device cpu or auto");
                }
                yield Device.gpu(0);
            }
        };
    }
}
