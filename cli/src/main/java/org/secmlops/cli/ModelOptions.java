package org.secmlops.cli;

import java.nio.file.Path;
import java.util.List;
import org.secmlops.core.model.DeviceChoice;
import org.secmlops.core.model.EngineKind;
import org.secmlops.core.model.ModelSpec;
import picocli.CommandLine.Option;

/** How to load a model: the options shared by every command that runs one (the model path is the command's own). */
final class ModelOptions {
    @Option(names = "--engine", paramLabel = "ENGINE", description = "tf, pytorch or onnx; default: from the model path.")
    String engine;

    @Option(names = "--signature", paramLabel = "NAME", description = "TensorFlow signature (default serving_default).")
    String signature;

    @Option(names = "--input-name", paramLabel = "NAME", description = "Model input to feed.")
    String inputName;

    @Option(names = "--output-name", paramLabel = "NAME", description = "Model output to read.")
    String outputName;

    @Option(names = "--input-shape", paramLabel = "D1,D2,...", split = ",",
            description = "Shape of one sample as the model takes it (default: the model's, else the data's).")
    List<Integer> inputShape = List.of();

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "auto",
            description = "Where to run (default auto: a GPU if the engine sees one).")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "The engine's intra-op threads (default: chosen at"
            + " load by timing one thread against one per core; the choice is in the log and result.json).")
    Integer threads;

    @Option(names = "--allow-unsafe-model", description = "Load the model even when the scan finds CRITICAL content.")
    boolean allowUnsafeModel;

    /** The spec of the model at the path; throws {@link IllegalArgumentException} for a bad engine, device, threads. */
    ModelSpec modelSpec(Path model) {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        ModelSpec spec = ModelSpec.of(model).withDevice(DeviceChoice.parse(device)).withAllowUnsafe(allowUnsafeModel)
                .withThreads(threads == null ? 0 : threads)
                .withSignature(signature).withInputName(inputName).withOutputName(outputName)
                .withSampleShape(inputShape);
        return engine == null ? spec : spec.withEngine(EngineKind.parse(engine));
    }
}
