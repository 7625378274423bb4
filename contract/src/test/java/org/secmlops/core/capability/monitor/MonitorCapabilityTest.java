package org.secmlops.core.capability.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.QualityGateEvaluator;
import org.secmlops.core.report.chart.Thumbnails;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.Json;
import org.secmlops.core.result.SecurityCost;

class MonitorCapabilityTest {
    private static MonitorReport report() {
        return report(List.of(new FlaggedInput(9, "<script>", "t", 3.1, Double.NaN)));
    }

    private static MonitorReport report(List<FlaggedInput> flaggedInputs) {
        return new MonitorReport("traffic <1>.jsonl", "CSV ref.csv", 101, 100, 1,
                List.of(new BadRecord(7, "not valid JSON: <oops>")), 64, 0.31, 2,
                List.of(new DriftedFeature(3, 0.31, 0.2, 0.001), new DriftedFeature(5, 0.1, 0.05, 0.4)), 0.02, 0.002,
                100, 100, 0.05, List.of(new ClassShare(0, 0.5, 0.6), new ClassShare(1, 0.5, 0.4)), 0.9, 0.85, 0,
                Double.NaN, 12, 0.4, 12,
                List.of(new FlaggedClient("<img src=x>", 120, 80, 14, "2026-12-02T10:15:00Z", true, 60, 0.01)),
                List.of(new ClientVolume("<img src=x>", 80, 0.8)), 0, 0.01, 2.5, Double.NaN, 1,
                flaggedInputs, "eval/<result>.json", 0.97,
                List.of(new TimelinePoint(1, 50, 0.02, 0), new TimelinePoint(51, 50, 0.1, 0.4)));
    }

    private static GateRunResult result(MonitorCapability capability, Map<String, Double> metrics) {
        ObjectNode details = Json.mapper().createObjectNode();
        details.set("monitor", Json.mapper().valueToTree(report()));
        details.putArray("classNames").add("cat").add("<dog>");
        GateEvaluation gates = new QualityGateEvaluator(capability.catalog()).evaluate(capability.defaultGates(),
                metrics, Optional.empty());
        return new GateRunResult(1, "monitor", "1", "traffic", Instant.parse("2026-12-02T10:15:00Z"), metrics, gates,
                new SecurityCost(1, 1, 1), details);
    }

    private static Map<String, Double> metrics(boolean model) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MonitorCapability.INPUT_DRIFT_PSI, 0.31);
        metrics.put(MonitorCapability.EMBEDDING_DRIFT, 0.02);
        metrics.put(MonitorCapability.EMBEDDING_DRIFT_P, 0.002);
        metrics.put(MonitorCapability.PREDICTION_DRIFT_PSI, 0.05);
        if (model) {
            metrics.put(MonitorCapability.CONFIDENCE_DROP, 0.05);
        }
        metrics.put(MonitorCapability.ATTACK_CLIENTS, 1.0);
        metrics.put(MonitorCapability.BAD_RECORDS, 1 / 101.0);
        return metrics;
    }

    @Test
    void shouldGateDriftAttacksAndBadRecordsByDefaultAndPredictionsWithAModel() {
        assertThat(MonitorCapability.INSTANCE.defaultGates()).extracting(g -> g.metric()).containsExactly(
                "INPUT_DRIFT_PSI", "EMBEDDING_DRIFT_P", "ATTACK_CLIENTS", "BAD_RECORDS");
        assertThat(MonitorCapability.forRun(true, true).defaultGates()).extracting(g -> g.metric())
                .contains("PREDICTION_DRIFT_PSI", "CONFIDENCE_DROP");
        // logged outputs without a model: the base defaults were used
        assertThat(MonitorCapability.INSTANCE.usesDefaultGates(result(MonitorCapability.INSTANCE, metrics(false))))
                .isTrue();
        MonitorCapability withModel = MonitorCapability.forRun(true, true);
        assertThat(withModel.usesDefaultGates(result(withModel, metrics(true)))).isTrue();
    }

    @Test
    void shouldRenderTheWindowEscaped() {
        GateRunResult result = result(MonitorCapability.INSTANCE, metrics(false));
        String html = MonitorCapability.INSTANCE.detailSection().render(result.details());

        assertThat(html).contains("Flagged clients", "&lt;img src=x&gt;", "<svg", "feature 3", "&lt;dog&gt;",
                "not valid JSON: &lt;oops&gt;", "traffic &lt;1&gt;.jsonl", "Adversarial inputs", "&lt;script&gt;",
                "not run (no model)", "eval/&lt;result&gt;.json", "Detectors over the window")
                .doesNotContain("<img", "<dog>", "<oops>", "<script>");
        assertThat(MonitorCapability.INSTANCE.headline(result)).isEqualTo(
                "100 records, 1 attacking client (<img src=x>), largest feature drift PSI 0.31, embedding drift p 0.002");
        assertThat(MonitorCapability.report(result.details())).isEqualTo(report());
    }

    @Test
    void shouldReadAWindowWrittenBeforeTheAdversarialBaselineAndTimelineFieldsExisted() {
        ObjectNode details = Json.mapper().createObjectNode();
        ObjectNode old = Json.mapper().valueToTree(report());
        old.remove(List.of("adversarialFpr", "distanceThreshold", "squeezeThreshold", "adversarialInputs",
                "flaggedInputs", "baseline", "baselineAccuracy", "timeline"));
        details.set("monitor", old);

        MonitorReport read = MonitorCapability.report(details);

        assertThat(read.records()).isEqualTo(100);
        assertThat(read.flaggedClients()).hasSize(1);
        assertThat(read.adversarialFpr()).isNaN();
        assertThat(read.baselineAccuracy()).isNaN();
        assertThat(read.adversarialInputs()).isZero();
        assertThat(read.flaggedInputs()).isEmpty();
        assertThat(read.timeline()).isEmpty();
        assertThat(read.baseline()).isEmpty();
    }

    @Test
    void shouldPictureFlaggedImageInputsAsSvgImagesAndReadResultsWithoutPictures() throws Exception {
        String png = Thumbnails.of(new float[] {0, 255, 255, 0}, new int[] {2, 2}, true);
        List<FlaggedInput> inputs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            inputs.add(new FlaggedInput(i + 1, "<c" + i + ">", "", 3, Double.NaN, i == 2 ? "javascript:alert(1)"
                    : i % 2 == 0 ? png : null));
        }
        ObjectNode details = Json.mapper().createObjectNode();
        details.set("monitor", Json.mapper().valueToTree(report(inputs)));

        String html = MonitorCapability.INSTANCE.detailSection().render(details);

        assertThat(Pattern.compile("<image ").matcher(html).results().count()).isEqualTo(4);
        assertThat(html).contains("line 1, &lt;c0&gt;", "line 9, &lt;c8&gt;", "href=\"" + png + "\"")
                .doesNotContain("javascript:", "<c0>");

        ObjectNode old = Json.mapper().valueToTree(report());
        ((ObjectNode) old.path("flaggedInputs").get(0)).remove("thumbnail");
        details.set("monitor", old);
        assertThat(MonitorCapability.report(details)).isEqualTo(report());
        assertThat(MonitorCapability.INSTANCE.detailSection().render(details)).doesNotContain("<image");
    }
}
