package org.secmlops.core.model;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Latency and throughput of the digits MLP per engine (TensorFlow as a frozen graph and in TensorFlow 2's layout); not a test, skipped unless asked for:
 * {@code mvn -B -pl core test -Dtest=EngineBenchmark -Dsecmlops.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "secmlops.benchmark", matches = "true")
class EngineBenchmark {
    private static final int WARM_UP = 50;
    private static final int RUNS = 500;

    @TempDir
    Path dir;

    @Test
    void benchmark() throws Exception {
        Digits digits = Digits.load();
        DigitsMlp mlp = DigitsMlp.committed();
        Path torch = dir.resolve("digits-mlp.pt");
        try (InputStream in = EngineBenchmark.class.getResourceAsStream("digits-mlp.pt")) {
            Files.copy(in, torch);
        }
        List<Path> models = List.of(SavedModels.writeMlp(dir.resolve("tf"), mlp),
                Tf2SavedModels.writeDigitsMlp(dir.resolve("tf2"), mlp), torch,
                OnnxModels.writeMlp(dir.resolve("mlp.onnx"), mlp));
        ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(line -> { }), line -> { });
        System.out.printf(Locale.ROOT, "%-22s %6s %12s %12s %14s%n", "engine", "batch", "p50 ms", "p95 ms",
                "samples/s");
        for (Path model : models) {
            try (LoadedModel loaded = loader.load(ModelSpec.of(model))) {
                for (int batchSize : new int[] {1, 64}) {
                    float[][] batch = digits.rows(0, batchSize);
                    for (int i = 0; i < WARM_UP; i++) {
                        loaded.predict(batch);
                    }
                    double[] millis = new double[RUNS];
                    for (int i = 0; i < RUNS; i++) {
                        long start = System.nanoTime();
                        loaded.predict(batch);
                        millis[i] = (System.nanoTime() - start) / 1e6;
                    }
                    Arrays.sort(millis);
                    double total = Arrays.stream(millis).sum() / 1000;
                    System.out.printf(Locale.ROOT, "%-22s %6d %12.3f %12.3f %14.0f%n", name(model, loaded), batchSize,
                            millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.95) - 1], RUNS * batchSize / total);
                }
                if (loaded.supportsGradients()) {
                    float[][] batch = digits.rows(0, 64);
                    int[] labels = digits.labels(0, 64);
                    for (int i = 0; i < WARM_UP; i++) {
                        loaded.inputGradient(batch, labels);
                    }
                    long start = System.nanoTime();
                    for (int i = 0; i < RUNS; i++) {
                        loaded.inputGradient(batch, labels);
                    }
                    System.out.printf(Locale.ROOT, "%-22s %6d %12.3f %12s %14s  (input gradient, mean)%n",
                            name(model, loaded), 64, (System.nanoTime() - start) / 1e6 / RUNS, "", "");
                }
            }
        }
    }

    private static String name(Path model, LoadedModel loaded) {
        return model.getFileName().toString().equals("tf2") ? "TensorFlow 2 layout" : loaded.engineName();
    }
}
