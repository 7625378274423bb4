package org.secmlops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.datacheck.DataCheckRequest;
import org.secmlops.core.datacheck.DataCheckRun;
import org.secmlops.core.evaluate.EvaluateRequest;
import org.secmlops.core.evaluate.EvaluateRun;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.robustness.AttackSelection;
import org.secmlops.core.robustness.AttackSettings;
import org.secmlops.core.robustness.Norm;
import org.secmlops.core.robustness.RobustnessConfig;
import org.secmlops.core.robustness.RobustnessRequest;
import org.secmlops.core.robustness.RobustnessRun;
import org.secmlops.core.run.Measurement;
import org.secmlops.testsupport.ExternalData;

/**
 * {@code evaluate}, {@code robustness} (FGSM, PGD, APGD, Square) and {@code data-check --model} on SavedModels laid out
 * as TensorFlow 2 writes them give the results of their twins with the same weights: the digits MLP's TorchScript
 * and ONNX twins, the Fashion-MNIST CNN's ONNX twin (no gradients, so Square only) and its hand-built frozen-graph
 * SavedModel (Const weights, no function library) for the white-box attacks.
 */
class Tf2SavedModelRunsTest {
    private static final List<String> ATTACKS = List.of("fgsm", "pgd", "apgd", "square");

    @TempDir
    static Path dir;
    static Path mlp;
    static Path cnn;

    @BeforeAll
    static void write() throws Exception {
        mlp = ModelTestAccess.digitsMlpTf2SavedModel(dir.resolve("mlp-tf2"));
        cnn = ModelTestAccess.fashionCnnTf2SavedModel(dir.resolve("cnn-tf2"));
    }

    private static DataSpec digits() {
        return DataSpec.of(ExternalData.digitsCsv()).withLabelColumn("-1").withHeader(false);
    }

    private static PreprocessingSpec sixteenths() {
        return PreprocessingSpec.builder().scale(1 / 16f).build();
    }

    private static DataSpec fashion() {
        return DataSpec.of(ExternalData.fashionMnist().resolve("t10k-images-idx3-ubyte.gz"));
    }

    private static PreprocessingSpec unit() {
        return PreprocessingSpec.builder().scale(1 / 255f).build();
    }

    @Test
    void evaluateShouldGiveTheTwinsAccuracy() throws Exception {
        double tf2 = accuracy(ModelSpec.of(mlp), digits(), sixteenths());
        assertThat(tf2).isEqualTo(ModelTestAccess.digitsMlpAccuracy(1797));
        assertThat(accuracy(ModelSpec.of(ModelTestAccess.digitsMlpOnnx(dir.resolve("mlp.onnx"))), digits(),
                sixteenths())).isEqualTo(tf2);
        ModelSpec onnxCnn = ModelSpec.of(ModelTestAccess.fashionCnnOnnx(dir.resolve("cnn.onnx")))
                .withSampleShape(List.of(1, 28, 28));
        assertThat(accuracy(ModelSpec.of(cnn), fashion(), unit())).isEqualTo(accuracy(onnxCnn, fashion(), unit()));
    }

    private static double accuracy(ModelSpec model, DataSpec data, PreprocessingSpec preprocessing) throws Exception {
        Measurement m = EvaluateRun.run(EvaluateRequest.builder(model, data).preprocessing(preprocessing)
                .batchSize(100).build(), line -> { });
        return m.metrics().get("ACCURACY");
    }

    @Test
    void robustnessShouldGiveTheRobustAccuracyOfTheTwinsPerAttack() throws Exception {
        Map<String, Double> tf2 = robustAccuracies(ModelSpec.of(mlp), digits(), sixteenths(), 200, ATTACKS);
        Map<String, Double> torch = robustAccuracies(ModelSpec.of(ModelTestAccess.digitsMlpTorchScript()), digits(),
                sixteenths(), 200, ATTACKS);
        assertThat(tf2).hasSize(8);
        assertSame(tf2, torch);
        assertThat(tf2.get("pgd@0.1")).as("PGD must break digits at 0.1").isLessThan(0.5);

        Map<String, Double> cnnTf2 = robustAccuracies(ModelSpec.of(cnn), fashion(), unit(), 200, ATTACKS);
        Map<String, Double> frozen = robustAccuracies(ModelSpec.of(ModelTestAccess.fashionCnnSavedModel(
                dir.resolve("cnn-frozen"))), fashion(), unit(), 200, ATTACKS);
        Map<String, Double> onnx = robustAccuracies(ModelSpec.of(ModelTestAccess.fashionCnnOnnx(
                dir.resolve("cnn-twin.onnx"))).withSampleShape(List.of(1, 28, 28)), fashion(), unit(), 200, ATTACKS);
        // At ε = 0.03 Square's random search on this random-weight, near-chance CNN ends 0.02 apart on TensorFlow and
        // ONNX Runtime, whose convolutions round differently; the frozen graph (no functions, no variables) is as far
        // from ONNX as the TensorFlow 2 layout, so that is the engines, not the layout. ONNX is compared at ε = 0.1.
        assertThat(cnnTf2).hasSize(8);
        assertSame(cnnTf2, frozen);
        assertSame(Map.of("square@0.1", cnnTf2.get("square@0.1")), onnx);
    }

    /** Every result of {@code actual} is in {@code twin} and within 0.01 of it. */
    private static void assertSame(Map<String, Double> actual, Map<String, Double> twin) {
        assertThat(twin).containsKeys(actual.keySet().toArray(String[]::new));
        for (Map.Entry<String, Double> e : actual.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isCloseTo(twin.get(e.getKey()), within(0.01));
        }
    }

    /** Robust accuracy per {@code attack@epsilon}, same seed for every model. */
    private static Map<String, Double> robustAccuracies(ModelSpec model, DataSpec data,
            PreprocessingSpec preprocessing, int samples, List<String> attacks) throws Exception {
        AttackSettings settings = new AttackSettings(Norm.LINF, 10, 0.25, true, 1, 100, 32);
        RobustnessConfig config = RobustnessConfig.builder()
                .attacks(AttackSelection.parse(attacks, settings).attacks())
                .epsilons(List.of(0.03, 0.1)).maxSamples(samples).seed(7).build();
        Measurement m = RobustnessRun.run(RobustnessRequest.builder(model, data, config)
                .preprocessing(preprocessing).build(), line -> { });
        Map<String, Double> result = new java.util.TreeMap<>();
        for (JsonNode attack : m.details().path("robustness").path("attacks")) {
            result.put(attack.path("attack").asText() + "@" + attack.path("epsilon").asDouble(),
                    attack.path("robustAccuracy").asDouble());
        }
        return result;
    }

    @Test
    void dataCheckShouldGiveTheTwinsResults() throws Exception {
        Map<String, Double> tf2 = dataCheck(ModelSpec.of(mlp), "tf2");
        Map<String, Double> frozen = dataCheck(ModelSpec.of(ModelTestAccess.digitsMlpSavedModel(
                dir.resolve("mlp-frozen"))), "frozen");
        Map<String, Double> onnx = dataCheck(ModelSpec.of(ModelTestAccess.digitsMlpOnnx(dir.resolve("dc.onnx"))),
                "onnx");
        assertThat(tf2).isEqualTo(frozen);
        assertThat(tf2.get("LABEL_ISSUES")).isEqualTo(onnx.get("LABEL_ISSUES"));
    }

    private static Map<String, Double> dataCheck(ModelSpec model, String name) throws Exception {
        Measurement m = DataCheckRun.run(DataCheckRequest.builder(digits(), dir.resolve(name + "-scores.csv"))
                .model(model).preprocessing(sixteenths()).build(), line -> { });
        return m.metrics();
    }
}
