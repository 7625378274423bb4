package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.monitor.MonitorReport;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.evaluate.EvaluateRequest;
import org.secmlops.core.evaluate.EvaluateRun;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.run.GateRunner;
import org.secmlops.core.run.Measurement;

/** The digits MLP served as ONNX: the monitor computes the outputs the log lacks through the model loader. */
class MonitorWithModelTest {
    @TempDir
    Path dir;

    @Test
    void shouldComputeMissingOutputsWithTheModelAndMeasureConfidence() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        Path model = ModelTestAccess.digitsMlpOnnx(dir.resolve("digits-mlp.onnx"));
        List<TrafficFile.Event> logged = new ArrayList<>();
        long correct = 0;
        int missing = 0;
        List<TrafficFile.Event> benign = DigitsTraffic.benign(20, 20, 40);
        for (int i = 0; i < benign.size(); i++) {
            TrafficFile.Event e = benign.get(i);
            boolean withoutOutput = i % 3 != 0;
            missing += withoutOutput ? 1 : 0;
            logged.add(withoutOutput ? new TrafficFile.Event(e.client(), e.input(), null, e.label()) : e);
            float[] logits = ModelTestAccess.digitsMlpLogits(e.input());
            int best = 0;
            for (int c = 1; c < logits.length; c++) {
                best = logits[c] > logits[best] ? c : best;
            }
            correct += best == e.label() ? 1 : 0;
        }
        Path traffic = new TrafficFile().addAll(logged).write(dir.resolve("traffic.jsonl"));

        Measurement m = MonitorRun.run(MonitorRequest.builder(traffic, reference).model(ModelSpec.of(model))
                .batchSize(32).build(), line -> { });

        MonitorReport report = MonitorCapability.report(m.details());
        assertThat(report.modelComputed()).isEqualTo(missing);
        assertThat(report.predictions()).isEqualTo(benign.size());
        assertThat(m.metrics().get(MonitorCapability.ACCURACY)).isCloseTo((double) correct / benign.size(),
                within(1e-9));
        assertThat(report.referenceConfidence()).isBetween(0.5, 1.0);
        assertThat(m.metrics().get(MonitorCapability.CONFIDENCE_DROP)).isBetween(-0.1, 0.1);
        assertThat(m.metrics().get(MonitorCapability.PREDICTION_DRIFT_PSI)).isLessThan(0.25);
    }

    @Test
    void shouldCompareAccuracyAndConfidenceWithAnEvaluateResultAsTheBaseline() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        Path model = ModelTestAccess.digitsMlpOnnx(dir.resolve("digits-mlp.onnx"));
        Measurement evaluation = EvaluateRun.run(EvaluateRequest.builder(ModelSpec.of(model), reference).build(),
                line -> { });
        GateRunResult evaluated = new GateRunner(EvaluateCapability.INSTANCE, "test").run("digits",
                new GateSpec(ResultJson.SCHEMA_VERSION, List.of(), null), () -> evaluation);
        Path baseline = dir.resolve("evaluate/result.json");
        java.nio.file.Files.createDirectories(baseline.getParent());
        ResultJson.write(evaluated, baseline);
        TrafficFile logged = new TrafficFile().addAll(DigitsTraffic.benign(20, 20, 41));
        Path traffic = logged.write(dir.resolve("traffic.jsonl"));

        Measurement m = MonitorRun.run(MonitorRequest.builder(traffic, reference).baselineResult(baseline).build(),
                line -> { });

        MonitorReport report = MonitorCapability.report(m.details());
        double baselineAccuracy = evaluated.metrics().get(EvaluateCapability.ACCURACY);
        assertThat(report.baseline()).isEqualTo(baseline.toString());
        assertThat(report.baselineAccuracy()).isEqualTo(baselineAccuracy);
        assertThat(m.metrics().get(MonitorCapability.ACCURACY_DROP)).isCloseTo(baselineAccuracy - logged.accuracy(),
                within(1e-9));
        assertThat(report.referenceConfidence()).as("the evaluation's mean confidence").isBetween(0.5, 1.0);
        assertThat(m.metrics()).containsKey(MonitorCapability.CONFIDENCE_DROP);
        assertThat(m.metrics().get(MonitorCapability.CONFIDENCE_DROP)).isBetween(-0.1, 0.1);

        Path notAnEvaluation = dir.resolve("monitor/result.json");
        java.nio.file.Files.createDirectories(notAnEvaluation.getParent());
        ResultJson.write(new GateRunner(MonitorCapability.INSTANCE, "test").run("window",
                new GateSpec(ResultJson.SCHEMA_VERSION, List.of(), null), () -> m), notAnEvaluation);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MonitorRun.run(MonitorRequest.builder(traffic,
                reference).baselineResult(notAnEvaluation).build(), line -> { }))
                .isInstanceOf(org.secmlops.core.data.DatasetException.class)
                .hasMessageContaining("is a result of monitor, not of evaluate");
    }
}
