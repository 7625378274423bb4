package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.evaluate.ModelEvaluator;

/** The whole path on real data: digits CSV, scaled as declared, through the SavedModel and ONNX engines. */
class DigitsEvaluationTest {
    @TempDir
    Path dir;

    @Test
    void evaluationShouldMatchTheAccuracyComputedInJavaOnEveryEngine() throws Exception {
        Digits digits = Digits.load();
        DigitsMlp mlp = DigitsMlp.committed();
        StringBuilder csv = new StringBuilder();
        int correct = 0;
        for (int n = DigitsMlp.TRAINING_SAMPLES; n < digits.y.length; n++) {
            for (float v : digits.x[n]) {
                csv.append(Math.round(v * 16)).append(',');
            }
            csv.append(digits.y[n]).append('\n');
            float[] z = mlp.logits(digits.x[n]);
            int best = 0;
            for (int c = 1; c < z.length; c++) {
                best = z[c] > z[best] ? c : best;
            }
            correct += best == digits.y[n] ? 1 : 0;
        }
        Path data = Files.writeString(dir.resolve("holdout.csv"), csv);
        double expected = (double) correct / (digits.y.length - DigitsMlp.TRAINING_SAMPLES);
        List<String> progress = new ArrayList<>();
        ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::add), progress::add);

        for (Path model : List.of(SavedModels.writeMlp(dir.resolve("tf"), mlp),
                OnnxModels.writeMlp(dir.resolve("mlp.onnx"), mlp))) {
            try (LoadedModel loaded = loader.load(ModelSpec.of(model));
                 SampleSource source = Datasets.open(DataSpec.of(data).withLabelColumn("-1").withHeader(false))) {
                EvaluationReport report = new ModelEvaluator(32, Preprocessing.NONE.withScale(1 / 16f, 0f),
                        progress::add).evaluate(loaded, source);
                assertThat(report.samples()).isEqualTo(297);
                assertThat(report.accuracy()).isCloseTo(expected, within(1e-12)).isGreaterThan(0.9);
                assertThat(report.expectedCalibrationError()).isBetween(0.0, 0.2);
                assertThat(report.probabilityOutputs()).isFalse();
            }
        }
    }
}
