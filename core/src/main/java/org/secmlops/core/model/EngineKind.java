package org.secmlops.core.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The model formats SecMLOps evaluates, each run by one DJL engine. */
public enum EngineKind {
    /** A TensorFlow SavedModel directory ({@code saved_model.pb}). */
    TENSORFLOW("TensorFlow", "tf"),
    /** A TorchScript file ({@code .pt}, {@code .pth}, {@code .torchscript}). */
    PYTORCH("PyTorch", "pytorch"),
    /** An ONNX file ({@code .onnx}), run by ONNX Runtime. */
    ONNX("OnnxRuntime", "onnx");

    private final String djlName;
    private final String shortName;

    EngineKind(String djlName, String shortName) {
        this.djlName = djlName;
        this.shortName = shortName;
    }

    /** The engine's name in DJL, e.g. {@code TensorFlow}. */
    public String djlName() {
        return djlName;
    }

    /** The name used on the command line: {@code tf}, {@code pytorch} or {@code onnx}. */
    public String shortName() {
        return shortName;
    }

    /**
     * Parses a command-line engine name ({@code tf}, {@code tensorflow}, {@code pytorch}, {@code torch},
     * {@code onnx}, {@code onnxruntime}; any case).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static EngineKind parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "tf", "tensorflow" -> TENSORFLOW;
            case "pytorch", "torch", "torchscript", "pt" -> PYTORCH;
            case "onnx", "onnxruntime", "ort" -> ONNX;
            default -> throw new IllegalArgumentException("Unknown engine '" + name + "' (expected tf, pytorch or onnx)");
        };
    }

    /**
     * Tells the engine from the model's path: a directory holding {@code saved_model.pb} (or that file itself)
     * is TensorFlow, {@code .pt}/{@code .pth}/{@code .torchscript} is PyTorch, {@code .onnx} is ONNX.
     *
     * @throws ModelException when the path matches none of them
     */
    public static EngineKind detect(Path model) throws ModelException {
        String name = model.getFileName() == null ? "" : model.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(model)) {
            if (Files.isRegularFile(model.resolve("saved_model.pb"))) {
                return TENSORFLOW;
            }
            throw new ModelException("Cannot tell the engine of directory " + model
                    + ": it holds no saved_model.pb; name a SavedModel directory, a .pt/.torchscript or .onnx file,"
                    + " or choose the engine");
        }
        if (name.equals("saved_model.pb")) {
            return TENSORFLOW;
        }
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript")) {
            return PYTORCH;
        }
        if (name.endsWith(".onnx")) {
            return ONNX;
        }
        throw new ModelException("Cannot tell the engine of " + model
                + " (expected a SavedModel directory, .pt/.pth/.torchscript or .onnx); choose the engine");
    }
}
