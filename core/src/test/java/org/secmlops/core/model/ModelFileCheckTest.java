package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileCheckTest {
    @TempDir
    Path dir;
    private final List<String> progress = new ArrayList<>();

    /** A loader that can provision nothing: a refusal must come before any engine is started or downloaded. */
    private ModelLoader loader() {
        return new ModelLoader(new NativeLibraryProvisioner(dir.resolve("no-m2"), URI.create("http://127.0.0.1:9/"),
                dir.resolve("cache"), progress::add), progress::add);
    }

    private Path zip(String name, String... entries) throws Exception {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("x".getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void shouldExplainHowToExportATorchSaveCheckpointInsteadOfStartingAnEngine() throws Exception {
        Path stateDict = zip("weights.pt", "archive/data.pkl", "archive/data/0", "archive/version");
        Path legacy = Files.write(dir.resolve("legacy.pth"), new byte[] {(byte) 0x80, 2, (byte) 0x8a, 0x0a, 'l'});

        assertThatThrownBy(() -> loader().load(ModelSpec.of(stateDict))).isInstanceOf(ModelException.class)
                .hasMessageContaining("torch.save checkpoint").hasMessageContaining("torch.jit.script")
                .hasMessageContaining("torch.onnx.export");
        assertThatThrownBy(() -> loader().load(ModelSpec.of(legacy))).hasMessageContaining("not TorchScript");
        assertThat(progress).noneMatch(line -> line.contains("download") || line.startsWith("engine"));
    }

    @Test
    void shouldExplainHowToExportKerasFilesFrozenGraphsWeightsAndPickles() throws Exception {
        Path hdf5 = Files.write(dir.resolve("model.weights"), new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n',
            0x1a, '\n', 0, 0});
        Path keras = zip("model.keras", "config.json", "model.weights.h5", "metadata.json");
        Path frozen = Files.writeString(dir.resolve("frozen_graph.pb"), "graph");
        Path weights = Files.writeString(dir.resolve("model.safetensors"), "{}");
        Path estimator = Files.write(dir.resolve("model.joblib"), new byte[] {(byte) 0x80, 4, '.'});

        assertThatThrownBy(() -> loader().load(ModelSpec.of(hdf5))).hasMessageContaining("Keras HDF5")
                .hasMessageContaining("model.export('model/')");
        assertThatThrownBy(() -> loader().load(ModelSpec.of(keras))).hasMessageContaining("Keras .keras archive");
        assertThatThrownBy(() -> loader().load(ModelSpec.of(frozen))).hasMessageContaining("frozen TensorFlow graph");
        assertThatThrownBy(() -> loader().load(ModelSpec.of(weights))).hasMessageContaining("weights only");
        assertThatThrownBy(() -> loader().load(ModelSpec.of(estimator))).hasMessageContaining("skl2onnx");
    }

    @Test
    void shouldLetTorchScriptThrough() throws Exception {
        Path torchScript = Path.of("src/test/resources/org/secmlops/core/model/digits-mlp.pt");

        ModelFileCheck.requireRunnable(torchScript);
        ModelFileCheck.requireRunnable(zip("traced.pt", "model/code/__torch__.py", "model/constants.pkl",
                "model/data.pkl"));
    }
}
