package org.secmlops.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed digits MLP written once per engine: a SavedModel folder, an ONNX file and the TorchScript file. */
record DigitsMlpFiles(Path savedModel, Path onnx, Path torchScript) {
    static DigitsMlpFiles write(Path dir, DigitsMlp mlp) throws IOException {
        Path torchScript = dir.resolve("torch/digits-mlp.pt");
        Files.createDirectories(torchScript.getParent());
        try (InputStream in = DigitsMlpFiles.class.getResourceAsStream("digits-mlp.pt")) {
            Files.copy(in, torchScript);
        }
        return new DigitsMlpFiles(SavedModels.writeMlp(dir.resolve("saved"), mlp),
                OnnxModels.writeMlp(dir.resolve("onnx/model.onnx"), mlp), torchScript);
    }
}
