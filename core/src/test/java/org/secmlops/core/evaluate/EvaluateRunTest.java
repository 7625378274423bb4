package org.secmlops.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.run.Measurement;
import org.secmlops.testsupport.ExternalData;

/**
 * {@link EvaluateRun} end to end on real data: scikit-learn's digits (pixels 0..16) and the committed TorchScript MLP,
 * whose weights are also available in plain Java, so the clean accuracy is computed here without the engine.
 */
class EvaluateRunTest {
    private static final int DIGITS = 1797;

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    private Path model() throws Exception {
        Path path = dir.resolve("digits-mlp.pt");
        try (InputStream in = EvaluateRunTest.class.getResourceAsStream("/org/secmlops/core/model/digits-mlp.pt")) {
            Files.copy(in, path);
        }
        return path;
    }

    private static DataSpec digits() {
        return DataSpec.of(ExternalData.digitsCsv()).withLabelColumn("-1").withHeader(false);
    }

    private static PreprocessingSpec sixteenths() {
        return PreprocessingSpec.builder().scale(1 / 16f).build();
    }

    /** The accuracy of the Java copy of the model's weights on the first {@code count} digits. */
    private static double javaAccuracy(int count) {
        float[][] x = ModelTestAccess.digits(0, count);
        int[] y = ModelTestAccess.digitLabels(0, count);
        int correct = 0;
        for (int i = 0; i < count; i++) {
            float[] logits = ModelTestAccess.digitsMlpLogits(x[i]);
            int best = 0;
            for (int c = 1; c < logits.length; c++) {
                best = logits[c] > logits[best] ? c : best;
            }
            correct += best == y[i] ? 1 : 0;
        }
        return (double) correct / count;
    }

    @Test
    void shouldEvaluateTheModelToTheAccuracyOfItsWeights() throws Exception {
        EvaluateRequest request = EvaluateRequest.builder(ModelSpec.of(model()), digits())
                .preprocessing(sixteenths()).batchSize(100).build();

        Measurement measurement = EvaluateRun.run(request, progress::add);

        assertThat(measurement.metrics().get(EvaluateCapability.ACCURACY)).isEqualTo(javaAccuracy(DIGITS));
        assertThat(progress.get(0)).startsWith("data: ");
    }
}
