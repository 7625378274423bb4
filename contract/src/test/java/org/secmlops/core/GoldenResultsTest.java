package org.secmlops.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.capability.evaluate.ClassMetrics;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.capability.sign.VerifyCapability;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

/**
 * One {@code result.json} of schema version 1 per capability, written by the worker on 2026-12-03 and committed
 * as it was: old builds keep these files in their build folders, so every later version must still read them and
 * render their reports in full (a detail section that no longer understands them would show a notice instead).
 */
class GoldenResultsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/org/secmlops/core/golden");

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("scan.json", ScanCapability.INSTANCE, List.of("preprocess.pkl", "posix.system",
                        "KERAS_LAMBDA_LAYER")),
                Arguments.of("evaluate.json", EvaluateCapability.INSTANCE, List.of("seven", "digits-mlp.pt")),
                Arguments.of("robustness.json", RobustnessCapability.INSTANCE, List.of("pgd", "fgsm", "noise",
                        "observed in the first")),
                Arguments.of("data-check.json", DataCheckCapability.INSTANCE, List.of("d300.csv")),
                Arguments.of("sign.json", SignCapability.INSTANCE, List.of("digits-mlp.pt", "m.sig")),
                Arguments.of("verify.json", VerifyCapability.INSTANCE, List.of("m.sig", "exactly as signed")),
                Arguments.of("detection.json", DetectionCapability.INSTANCE, List.of("tiny-detector.pt", "random-patch",
                        "low-light", "person", "AP@0.5 1 on 4 images, miss rate 0, under attack 1, with a patch 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void aResultOfSchemaVersion1ShouldStillLoadAndRenderInFull(String file, Capability capability,
            List<String> shown) throws Exception {
        GateRunResult result = ResultJson.read(GOLDEN.resolve(file));

        String html = HtmlReport.fragment(result, capability.detailSection());

        assertThat(result.schemaVersion()).isEqualTo(1);
        assertThat(result.capability()).isEqualTo(capability.id());
        assertThat(html).doesNotContain("cannot be shown").doesNotContain("NaN").doesNotContain("<script")
                .contains("secmlops-verdict");
        for (String text : shown) {
            assertThat(html).contains(text);
        }
    }

    @Test
    void scanDetailsOfSchemaVersion1ShouldReadBackIntoTheScanReportTheRendererShows() throws Exception {
        GateRunResult result = ResultJson.read(GOLDEN.resolve("scan.json"));
        JsonNode written = result.details();

        ScanReport report = ScanCapability.report(written);
        String html = HtmlReport.fragment(result, ScanCapability.INSTANCE.detailSection());

        assertThat(report.filesScanned()).isEqualTo(written.path("filesScanned").asInt()).isPositive();
        assertThat(report.bytesScanned()).isEqualTo(written.path("bytesScanned").asLong()).isPositive();
        assertThat(report.findings()).hasSize(written.path("findings").size()).isNotEmpty();
        for (int i = 0; i < report.findings().size(); i++) {
            ScanFinding finding = report.findings().get(i);
            JsonNode json = written.path("findings").get(i);
            assertThat(finding.severity().name()).isEqualTo(json.path("severity").asText());
            assertThat(List.of(finding.file(), finding.location(), finding.rule(), finding.message()))
                    .containsExactly(json.path("file").asText(), json.path("location").asText(),
                            json.path("rule").asText(), json.path("message").asText())
                    .allSatisfy(text -> assertThat(text).isNotBlank());
            assertThat(html).contains(Html.escape(finding.rule()), Html.escape(finding.message()));
        }
    }

    @Test
    void evaluationDetailsOfSchemaVersion1ShouldReadBackIntoTheEvaluationReportTheRendererShows() throws Exception {
        GateRunResult result = ResultJson.read(GOLDEN.resolve("evaluate.json"));
        JsonNode written = result.details().path("evaluation");

        EvaluationReport report = EvaluateCapability.report(result.details());

        assertThat(report.samples()).isEqualTo(written.path("samples").asLong()).isPositive();
        assertThat(report.accuracy()).isEqualTo(written.path("accuracy").asDouble()).isPositive();
        assertThat(report.batchSize()).isEqualTo(written.path("batchSize").asInt()).isPositive();
        assertThat(List.of(report.engine(), report.device())).containsExactly(written.path("engine").asText(),
                written.path("device").asText()).allSatisfy(text -> assertThat(text).isNotBlank());
        assertThat(report.confusion()).hasSize(report.classes()).isNotEmpty();
        assertThat(report.perClass()).hasSize(written.path("perClass").size()).isNotEmpty();
        for (int i = 0; i < report.perClass().size(); i++) {
            ClassMetrics c = report.perClass().get(i);
            JsonNode json = written.path("perClass").get(i);
            assertThat(List.of(c.label(), c.support(), c.predicted(), c.precision(), c.recall())).containsExactly(
                    json.path("label").asInt(), json.path("support").asLong(), json.path("predicted").asLong(),
                    json.path("precision").asDouble(), json.path("recall").asDouble());
        }
        assertThat(report.calibration()).hasSize(written.path("calibration").size()).isNotEmpty()
                .allSatisfy(bin -> assertThat(bin.upper()).isGreaterThan(bin.lower()));
    }
}
