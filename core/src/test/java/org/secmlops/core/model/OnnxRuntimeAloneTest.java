package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONNX model in a JVM that has started no other engine, as {@code secmlops evaluate} runs one: DJL's ONNX Runtime
 * engine must not try to start (and, offline, fail to download) PyTorch as its "alternative engine".
 */
class OnnxRuntimeAloneTest {
    @TempDir
    Path dir;

    @Test
    void shouldLoadAndRunOnnxInAFreshJvm() throws Exception {
        Path model = OnnxModels.writeMlp(dir.resolve("mlp.onnx"), DigitsMlp.committed());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true"));
        if (System.getProperty("maven.repo.local") != null) {
            command.add("-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
        }
        command.addAll(List.of(OnnxRuntimeAloneTest.class.getName(), model.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("10 logits from OnnxRuntime");
    }

    /** Loads the ONNX model at {@code args[0]} and runs one sample. */
    public static void main(String[] args) throws Exception {
        ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(line -> { }), line -> { });
        try (LoadedModel model = loader.load(ModelSpec.of(Path.of(args[0])))) {
            float[] logits = model.predict(new float[][] {new float[DigitsMlp.INPUTS]})[0];
            System.out.println(logits.length + " logits from " + model.engineName());
        }
    }
}
