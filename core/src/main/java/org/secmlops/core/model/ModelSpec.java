package org.secmlops.core.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What to load and how. Immutable; derive variants with the {@code with...} methods.
 *
 * @param path        a SavedModel directory, a TorchScript file or an ONNX file
 * @param engine      the engine, or {@code null} to tell it from the path ({@link EngineKind#detect})
 * @param signature   the TensorFlow signature, or {@code null} for {@code serving_default} (or the only one)
 * @param inputName   the input to feed, or {@code null} for the only input
 * @param outputName  the output to read, or {@code null} for the only (or first, by name) output
 * @param sampleShape the shape of one sample, used when the model does not declare it; empty for "use the
 *                    model's shape, else a flat vector"
 * @param device      where to run
 * @param allowUnsafe load even when the pre-load scan finds CRITICAL content
 * @param threads     the engine's intra-op threads, or 0 to let the loader choose ({@link EngineThreads})
 * @param calibration the pass the loader times when it chooses the threads
 */
public record ModelSpec(Path path, EngineKind engine, String signature, String inputName, String outputName,
        List<Integer> sampleShape, DeviceChoice device, boolean allowUnsafe, int threads,
        CalibrationPass calibration) {

    public ModelSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(calibration, "calibration");
        sampleShape = List.copyOf(Objects.requireNonNull(sampleShape, "sampleShape"));
        if (threads < 0) {
            throw new IllegalArgumentException("Threads must be at least 1 (or 0 for automatic): " + threads);
        }
    }

    /** The model at the path, engine from the path, on the CPU, safe loads only. */
    public static ModelSpec of(Path path) {
        return new ModelSpec(path, null, null, null, null, List.of(), DeviceChoice.CPU, false, 0,
                CalibrationPass.FORWARD);
    }

    public ModelSpec withEngine(EngineKind value) {
        return new ModelSpec(path, value, signature, inputName, outputName, sampleShape, device, allowUnsafe, threads,
                calibration);
    }

    public ModelSpec withSignature(String value) {
        return new ModelSpec(path, engine, value, inputName, outputName, sampleShape, device, allowUnsafe, threads,
                calibration);
    }

    public ModelSpec withInputName(String value) {
        return new ModelSpec(path, engine, signature, value, outputName, sampleShape, device, allowUnsafe, threads,
                calibration);
    }

    public ModelSpec withOutputName(String value) {
        return new ModelSpec(path, engine, signature, inputName, value, sampleShape, device, allowUnsafe, threads,
                calibration);
    }

    public ModelSpec withSampleShape(List<Integer> value) {
        return new ModelSpec(path, engine, signature, inputName, outputName, value, device, allowUnsafe, threads,
                calibration);
    }

    /** This spec, with the given shape of one sample when it declares none (the model's own, else the data's). */
    public ModelSpec withSampleShapeIfNone(int[] shape) {
        return sampleShape.isEmpty() ? withSampleShape(Arrays.stream(shape).boxed().toList()) : this;
    }

    public ModelSpec withDevice(DeviceChoice value) {
        return new ModelSpec(path, engine, signature, inputName, outputName, sampleShape, value, allowUnsafe, threads,
                calibration);
    }

    /** This spec with the engine's intra-op threads: at least 1, or 0 to let the loader choose. */
    public ModelSpec withThreads(int value) {
        return new ModelSpec(path, engine, signature, inputName, outputName, sampleShape, device, allowUnsafe, value,
                calibration);
    }

    public ModelSpec withAllowUnsafe(boolean value) {
        return new ModelSpec(path, engine, signature, inputName, outputName, sampleShape, device, value, threads,
                calibration);
    }

    /** This spec with the pass the thread calibration times (forward by default). */
    public ModelSpec withCalibrationPass(CalibrationPass value) {
        return new ModelSpec(path, engine, signature, inputName, outputName, sampleShape, device, allowUnsafe, threads,
                value);
    }
}
