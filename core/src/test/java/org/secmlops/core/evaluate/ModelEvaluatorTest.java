package org.secmlops.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.model.GradientFreeModel;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.run.GateRunner;

class ModelEvaluatorTest {
    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    /** A model computed in Java: no engine needed for the metric arithmetic. */
    private static final class FakeModel extends GradientFreeModel {
        private final Function<float[], float[]> f;

        FakeModel(Function<float[], float[]> f) {
            this.f = f;
        }

        @Override
        public float[][] predict(float[][] batch) {
            float[][] out = new float[batch.length][];
            for (int i = 0; i < batch.length; i++) {
                out[i] = f.apply(batch[i]);
            }
            return out;
        }
    }

    private SampleSource csv(String content) throws Exception {
        return Datasets.open(DataSpec.of(Files.writeString(dir.resolve("d.csv"), content)).withLabelColumn("y"));
    }

    @Test
    void shouldComputeAccuracyConfusionPerClassAndCalibrationFromProbabilities() throws Exception {
        // p = (x, 1 - x): confidence max(x, 1-x); predicted 0 when x > 0.5
        String data = "x,y\n0.9,0\n0.8,0\n0.7,1\n0.2,1\n";
        EvaluationReport report = new ModelEvaluator(3, Preprocessing.NONE, progress::add)
                .evaluate(new FakeModel(x -> new float[] {x[0], 1 - x[0]}), csv(data));

        assertThat(report.samples()).isEqualTo(4);
        assertThat(report.probabilityOutputs()).isTrue();
        assertThat(report.accuracy()).isEqualTo(0.75);
        assertThat(report.confusion()).containsExactly(List.of(2L, 0L), List.of(1L, 1L));
        assertThat(report.perClass().get(0).precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(report.perClass().get(1).recall()).isEqualTo(0.5);
        // bins: 0.9 -> (0.8667, 0.9333], 0.8 -> (0.7333, 0.8], 0.7 -> (0.6667, 0.7333], 0.8 (x = 0.2) -> as 0.8
        double expected = (Math.abs(1 - 0.9f) + 2 * Math.abs(1 - 0.8f) + Math.abs(0 - 0.7f)) / 4;
        assertThat(report.expectedCalibrationError()).isCloseTo(expected, within(1e-6));
        assertThat(report.calibration()).hasSize(15);
        assertThat(report.latencyP95Millis()).isGreaterThanOrEqualTo(0);
        assertThat(report.throughput()).isPositive();
    }

    @Test
    void shouldSoftmaxLogits() throws Exception {
        EvaluationReport report = new ModelEvaluator(8, Preprocessing.NONE, progress::add)
                .evaluate(new FakeModel(x -> new float[] {x[0], 0f}), csv("x,y\n2,0\n-2,1\n"));

        assertThat(report.probabilityOutputs()).isFalse();
        assertThat(report.accuracy()).isEqualTo(1.0);
        double confidence = 1 / (1 + Math.exp(-2));
        assertThat(report.expectedCalibrationError()).isCloseTo(1 - confidence, within(1e-6));
    }

    @Test
    void shouldRefuseSingleClassDataAndLabelsTheModelCannotPredict() throws Exception {
        ModelEvaluator evaluator = new ModelEvaluator(8, Preprocessing.NONE, progress::add);
        FakeModel model = new FakeModel(x -> new float[] {x[0], 0f});

        assertThatThrownBy(() -> evaluator.evaluate(model, csv("x,y\n1,1\n2,1\n")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("single class");
        assertThatThrownBy(() -> evaluator.evaluate(model, csv("x,y\n1,0\n2,7\n")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("line 3 has label 7")
                .hasMessageContaining("only 2 outputs");
        assertThatThrownBy(() -> evaluator.evaluate(model, csv("x,y\n")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("holds no samples");
    }

    @Test
    void shouldRunAsAGateAndRenderEscapedDetails() throws Exception {
        EvaluationReport report = new ModelEvaluator(2, Preprocessing.NONE, progress::add)
                .evaluate(new FakeModel(x -> new float[] {x[0], 1 - x[0]}), csv("x,y\n0.9,0\n0.1,1\n"));
        GateRunResult result = new GateRunner(EvaluateCapability.INSTANCE, "test").run("m<1>",
                new GateSpec(ResultJson.SCHEMA_VERSION, List.of(), null),
                () -> EvaluateMeasurement.of(report, "<script>model", "data.csv"));

        assertThat(result.metrics()).containsOnlyKeys("ACCURACY", "ECE", "LATENCY_P95", "THROUGHPUT");
        assertThat(result.gates().results()).hasSize(1);
        Path json = dir.resolve("result.json");
        ResultJson.write(result, json);
        GateRunResult read = ResultJson.read(json);
        String html = HtmlReport.page("Model evaluation", read, EvaluateCapability.INSTANCE.detailSection());
        assertThat(html).contains("&lt;script&gt;model", "Confusion matrix", "Per class", "Calibration")
                .doesNotContain("<script>");
    }
}
