package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Tf2SavedModelTest {
    @TempDir
    static Path dir;
    static Digits digits;
    static DigitsMlp mlp;
    static Path mlpModel;
    static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void writeModels() throws Exception {
        digits = Digits.load();
        mlp = DigitsMlp.committed();
        mlpModel = Tf2SavedModels.writeDigitsMlp(dir.resolve("mlp"), mlp);
    }

    static LoadedModel load(ModelSpec spec) throws ModelException {
        return new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::add), progress::add).load(spec);
    }

    @Test
    void explore() throws Exception {
        System.err.println(java.util.Arrays.toString(java.nio.file.Files.list(mlpModel.resolve("variables")).toArray()));
        float[][] batch = digits.rows(0, 8);
        try (LoadedModel model = load(ModelSpec.of(mlpModel))) {
            float[][] out = model.predict(batch);
            for (int i = 0; i < batch.length; i++) {
                float[] expected = mlp.logits(batch[i]);
                for (int c = 0; c < 10; c++) {
                    assertThat(out[i][c]).isCloseTo(expected[c], within(1e-5f));
                }
            }
            System.err.println("embedding " + model.embeddingName());
            float[][] g = model.inputGradient(batch, digits.labels(0, 8));
            System.err.println("grad " + java.util.Arrays.toString(g[0]));
        }
    }
}
