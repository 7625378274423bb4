package org.secmlops.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.testsupport.DetectionScenes;
import org.secmlops.core.capability.detection.DetectionAttackRow;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.capability.detection.DetectionReport;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.run.Measurement;

/**
 * The tiny detector of make_tiny_detector.py on {@link DetectionScenes}: a bright square (250) scores
 * sigmoid(20 (250/255 - 0.85)) = 0.93, a dark cell ~0, so at threshold 0.5 every square is found with IoU 1.
 * Lowering a square's mean by 0.2 (ε = 0.2) gives sigmoid(20 (0.78 - 0.85)) = 0.20: missed. A black 3 x 3 patch in
 * an 8 x 8 square leaves a mean of 55 · 0.98 / 64 = 0.842: score 0.46, missed; a random one (texels ~0.5) leaves
 * ~0.913: score ~0.78, found.
 */
class TinyDetectorTest {
    @TempDir
    static Path dir;
    static Path torchScript;
    static Path onnx;
    static Path annotations;
    static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void writeFixtures() throws IOException {
        torchScript = DetectionScenes.tinyDetector(dir.resolve("models"), "tiny-detector.pt");
        onnx = DetectionScenes.tinyDetector(dir.resolve("models"), "tiny-detector.onnx");
        annotations = DetectionScenes.coco(dir.resolve("data"));
    }

    static DetectionRequest.Builder request(Path model) {
        return DetectionRequest.builder(ModelSpec.of(model), DetectionDataSpec.of(annotations), DetectionLayout.YOLOV5)
                .preprocessing(PreprocessingSpec.builder().inputRange(0f, 1f).build())
                .scoreThreshold(0.5f);
    }

    static DetectionAttackPlan plan(List<String> attacks, List<String> corruptions) {
        return new DetectionAttackPlan(attacks, 0.2f, 10, 4, 0.375f, 100, 3, 300, corruptions, List.of(1, 5), 7);
    }

    @Test
    void shouldFindEverySquareOnCleanImagesWithBothEngines() throws Exception {
        for (Path model : List.of(torchScript, onnx)) {
            Measurement m = DetectionRun.run(request(model).build(), progress::add);
            assertThat(m.metrics().get(DetectionCapability.DETECTION_AP50)).as("%s", model).isEqualTo(1.0);
            assertThat(m.metrics().get(DetectionCapability.DETECTION_AP)).isEqualTo(1.0);
            assertThat(m.metrics().get(DetectionCapability.MISS_RATE)).isEqualTo(0.0);
            assertThat(m.metrics().get(DetectionCapability.FPS)).isPositive();
            DetectionReport report = DetectionCapability.report(m.details());
            assertThat(report.images()).isEqualTo(4);
            assertThat(report.truths()).isEqualTo(6);
            assertThat(report.precision()).isEqualTo(1.0);
            assertThat(report.perClass()).singleElement().satisfies(c -> assertThat(c.detections()).isEqualTo(6));
            assertThat(m.metrics()).doesNotContainKey(DetectionCapability.ROBUST_MISS_RATE);
        }
    }

    @Test
    void vanishingAttacksShouldHideEverySquareAndThePatchBeatItsRandomBaseline() throws Exception {
        Measurement m = DetectionRun.run(request(torchScript)
                .attacks(plan(List.of("fgsm", "pgd", "untargeted", "patch"), List.of())).build(), progress::add);
        Map<String, Double> metrics = m.metrics();
        assertThat(metrics.get(DetectionCapability.ROBUST_MISS_RATE)).isEqualTo(1.0);
        assertThat(metrics.get(DetectionCapability.PATCH_MISS_RATE)).isEqualTo(1.0);
        assertThat(metrics.get(DetectionCapability.RANDOM_PATCH_MISS_RATE)).isLessThanOrEqualTo(1.0 / 6);
        List<DetectionAttackRow> rows = DetectionCapability.report(m.details()).attacks();
        assertThat(rows).extracting(DetectionAttackRow::attack).containsExactly("clean", "vanishing-fgsm",
                "vanishing-pgd", "untargeted-pgd", "patch", "random-patch");
        assertThat(rows).filteredOn(r -> r.attack().startsWith("vanishing")).allSatisfy(r ->
                assertThat(r.missRate()).isEqualTo(1.0));
        assertThat(rows.get(0).missRate()).isZero();
    }

    @Test
    void squareShouldAttackTheOnnxModelWithoutGradients() throws Exception {
        Measurement m = DetectionRun.run(request(onnx).attacks(plan(List.of("square"), List.of())).build(),
                progress::add);
        assertThat(m.metrics().get(DetectionCapability.ROBUST_MISS_RATE)).as("%s", progress)
                .isGreaterThanOrEqualTo(5.0 / 6);
        assertThatThrownBy(() -> DetectionRun.run(request(onnx).attacks(plan(List.of("pgd"), List.of())).build(),
                progress::add)).isInstanceOf(ModelException.class).hasMessageContaining("gives no gradients")
                .hasMessageContaining("use square");
    }

    @Test
    void corruptionsShouldBeGradedBySeverity() throws Exception {
        Measurement m = DetectionRun.run(request(onnx).attacks(plan(List.of(),
                List.of("brightness", "fog", "low-light", "occlusion"))).build(), progress::add);
        DetectionReport report = DetectionCapability.report(m.details());
        assertThat(report.corruptions()).hasSize(8);
        // low light at severity 5 scales 250 to 37.5: every square is missed; at severity 1 (x 0.6) too: 0.59 < 0.85
        assertThat(report.corruptions()).filteredOn(c -> c.corruption().equals("low-light"))
                .allSatisfy(c -> assertThat(c.missRate()).isEqualTo(1.0));
        // brighter images keep bright squares bright, and dark cells stay far below 0.85 at +0.1 and +0.5
        assertThat(report.corruptions()).filteredOn(c -> c.corruption().equals("brightness"))
                .allSatisfy(c -> assertThat(c.missRate()).isZero());
        double mean = report.corruptions().stream().mapToDouble(c -> c.missRate()).average().orElseThrow();
        assertThat(m.metrics().get(DetectionCapability.CORRUPTION_MISS_RATE)).isCloseTo(mean, within(1e-12));
    }

    @Test
    void anOutputThatDoesNotFitTheLayoutShouldBeAModelError() {
        assertThatThrownBy(() -> DetectionRun.run(DetectionRequest.builder(ModelSpec.of(onnx),
                DetectionDataSpec.of(annotations), DetectionLayout.YOLOV5).classes(2)
                .preprocessing(PreprocessingSpec.builder().inputRange(0f, 1f).build()).build(), progress::add))
                .isInstanceOf(ModelException.class).hasMessageContaining("not a yolov5 detection output");
    }
}
