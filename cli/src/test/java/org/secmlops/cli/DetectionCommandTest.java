package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;
import org.secmlops.testsupport.DetectionScenes;

/** {@code evaluate-detector} on the tiny detector and its scenes (see TinyDetectorTest for the arithmetic). */
class DetectionCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream out = console.out();
    private final ByteArrayOutputStream err = console.err();

    @Test
    void shouldEvaluateAttackAndGateADetector() throws Exception {
        Path model = DetectionScenes.tinyDetector(dir.resolve("model"), "tiny-detector.pt");
        Path data = DetectionScenes.voc(dir.resolve("voc"));
        Path reportDir = dir.resolve("report");

        int exit = SecMLOpsCli.execute("evaluate-detector", "--model", model.toString(), "--data", data.toString(),
                "--detection-layout", "yolov5", "--input-range", "0,1", "--score-threshold", "0.5",
                "--attack", "fgsm,patch,fog", "--eps", "0.2", "--patch-size", "0.375", "--patch-resolution", "3",
                "--patch-steps", "100", "--severities", "1", "--device", "cpu", "--report-dir", reportDir.toString(),
                "--gate", "MISS_RATE:0.1:FAILURE", "--gate", "ROBUST_MISS_RATE:0.5:UNSTABLE");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.UNSTABLE.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.capability()).isEqualTo("detection");
        assertThat(result.metrics()).containsEntry("DETECTION_AP50", 1.0).containsEntry("MISS_RATE", 0.0)
                .containsEntry("ROBUST_MISS_RATE", 1.0).containsEntry("PATCH_MISS_RATE", 1.0)
                .containsKeys("RANDOM_PATCH_MISS_RATE", "CORRUPTION_MISS_RATE", "FPS", "DETECTION_LATENCY_P95");
        assertThat(result.details().path("classNames").toString()).isEqualTo("[\"person\"]");
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("Attacks", "random-patch", "fog",
                "yolov5, 1 class, score ≥ 0.5", "person");
        assertThat(Files.readString(reportDir.resolve("junit.xml"))).contains("ROBUST_MISS_RATE");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("vanishing-fgsm", "UNSTABLE");
    }

    @Test
    void shouldRefuseBadOptionsAndBadDataWithTheirExitCodes() throws Exception {
        Path model = DetectionScenes.tinyDetector(dir.resolve("model"), "tiny-detector.onnx");
        Path data = DetectionScenes.coco(dir.resolve("coco"));
        assertThat(SecMLOpsCli.execute("evaluate-detector", "--model", model.toString(), "--data", data.toString(),
                "--detection-layout", "yolov9", "--report-dir", dir.resolve("r1").toString()))
                .isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown detection layout 'yolov9'");
        assertThat(SecMLOpsCli.execute("evaluate-detector", "--model", model.toString(), "--data", data.toString(),
                "--detection-layout", "yolov5", "--attack", "rain", "--report-dir", dir.resolve("r2").toString()))
                .isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown corruption 'rain'");
        assertThat(SecMLOpsCli.execute("evaluate-detector", "--model", model.toString(), "--data", data.toString(),
                "--detection-layout", "yolov5", "--attack", "pgd", "--input-range", "0,1",
                "--report-dir", dir.resolve("r3").toString())).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("gives no gradients");
        Files.writeString(data, "not json");
        assertThat(SecMLOpsCli.execute("evaluate-detector", "--model", model.toString(), "--data", data.toString(),
                "--detection-layout", "yolov5", "--report-dir", dir.resolve("r4").toString()))
                .isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read COCO annotations");
    }
}
