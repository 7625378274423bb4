package org.secmlops.core.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.secmlops.core.scan.ModelScanner;
import org.secmlops.core.scan.ScanException;
import org.secmlops.core.scan.ScanFinding;
import org.secmlops.core.scan.ScanLimits;
import org.secmlops.core.scan.ScanPolicy;
import org.secmlops.core.scan.ScanReport;
import org.secmlops.core.scan.Severity;

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
        LoadedModel model = switch (engine) {
            case TENSORFLOW -> TfSavedModel.load(Files.isDirectory(path) ? path : path.toAbsolutePath().getParent(),
                    spec, device, engineName);
            case PYTORCH, ONNX -> DjlBlockModel.load(engine, path, spec, device, engineName);
        };
        if (model instanceof TfSavedModel savedModel) {
            String metadata = SavedModelMetadata.read(Files.isDirectory(path) ? path
                    : path.toAbsolutePath().getParent()).describe();
            progress.accept(savedModel.describe() + (metadata.isEmpty() ? "" : "; " + metadata));
        }
        progress.accept("loaded " + path + " with " + engineName + " (DJL " + Engine.getDjlVersion() + ") on "
                + model.device() + ", input " + model.inputName() + ", output " + model.outputName());
        return model;
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
