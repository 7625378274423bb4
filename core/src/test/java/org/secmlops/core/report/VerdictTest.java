package org.secmlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.Json;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.run.GateRunner;
import org.secmlops.core.run.Measurement;

class VerdictTest {
    static GateRunResult run(Capability capability, String subject, List<QualityGate> gates,
            Map<String, Double> metrics, ObjectNode details) {
        return new GateRunner(capability, "test").run(subject, new GateSpec(ResultJson.SCHEMA_VERSION, gates, null),
                () -> new Measurement(metrics, details));
    }

    private static Map<String, Double> scanMetrics(double critical, double high) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("CRITICAL_FINDINGS", critical);
        m.put("HIGH_FINDINGS", high);
        m.put("MEDIUM_FINDINGS", 1.0);
        m.put("LOW_FINDINGS", 0.0);
        m.put("FILES_SCANNED", 3.0);
        return m;
    }

    @Test
    void aFailedScanSaysHowManyCriticalFindingsWhereAndThatTheModelMustNotBeLoaded() {
        GateRunResult result = run(ScanCapability.INSTANCE, "model/", List.of(), scanMetrics(2, 0),
                Json.mapper().createObjectNode());

        Verdict verdict = ScanCapability.INSTANCE.detailSection().verdict(result);

        assertThat(verdict.status()).isEqualTo(GateStatus.FAILED);
        assertThat(verdict.sentence()).isEqualTo("FAILED: 2 critical findings in model/ — the model must not be"
                + " loaded; gate missed: CRITICAL_FINDINGS = 2, required <= 0 — no gate was configured, so only the"
                + " default gates applied.");
    }

    @Test
    void aPassingRunWithAConfiguredGateNamesTheHeadlineAndTheGate() {
        ObjectNode details = Json.mapper().createObjectNode();
        ObjectNode r = details.putObject("robustness");
        r.put("gateEpsilon", 0.03);
        r.putArray("attacks").addObject().put("norm", "linf");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("CLEAN_ACCURACY", 0.95);
        metrics.put("ROBUST_ACCURACY", 0.42);
        metrics.put("VALIDITY_FLAGS", 0.0);

        GateRunResult result = run(RobustnessCapability.INSTANCE, "m", List.of(QualityGate.absolute(
                "ROBUST_ACCURACY", 0.4, Criticality.FAILURE)), metrics, details);

        assertThat(RobustnessCapability.INSTANCE.verdict(result).sentence()).isEqualTo("PASSED: robust accuracy 0.42"
                + " at ε = 0.03 (linf), clean accuracy 0.95 (gate: ROBUST_ACCURACY = 0.4200, required >= 0.4000).");
    }

    @Test
    void aRunWithoutGatesSaysSo() {
        ObjectNode details = Json.mapper().createObjectNode().put("filesSigned", 1).put("bytesSigned", 1048576);
        Map<String, Double> metrics = Map.of("FILES_SIGNED", 1.0, "BYTES_SIGNED", 1048576.0);

        GateRunResult result = run(SignCapability.INSTANCE, "model/", List.of(), metrics, details);

        assertThat(SignCapability.INSTANCE.verdict(result).sentence()).isEqualTo(
                "PASSED: signed 1 file (1.0 MiB) of model/; no quality gate applied.");
    }

    @Test
    void theHtmlShowsTheStatusAsABadgeAndEscapesTheSentence() {
        GateRunResult result = run(ScanCapability.INSTANCE, "<img src=x>", List.of(), scanMetrics(0, 1),
                Json.mapper().createObjectNode());

        String html = ScanCapability.INSTANCE.verdict(result).html();

        assertThat(html).startsWith("<p class=\"secmlops-verdict\"><span class=\"secmlops-status secmlops-UNSTABLE\">"
                + "UNSTABLE</span> 1 high finding in &lt;img src=x&gt; — review them before loading the model")
                .doesNotContain("<img");
    }

    @Test
    void theReportOpensWithTheVerdictThenTheGatesThenTheEvidence() {
        GateRunResult result = run(ScanCapability.INSTANCE, "model/", List.of(), scanMetrics(0, 0),
                Json.mapper().createObjectNode());

        String fragment = HtmlReport.fragment(result, ScanCapability.INSTANCE.detailSection());

        assertThat(fragment.indexOf("secmlops-verdict")).isLessThan(fragment.indexOf("<h2>Quality gates"));
        assertThat(fragment.indexOf("<h2>Quality gates")).isLessThan(fragment.indexOf("<h2>Findings"));
        assertThat(fragment).contains("PASSED</span> no critical or high finding in 3 files of model/ (1 medium,"
                + " 0 low)");
    }

    @Test
    void aSectionWithoutCapabilityGivesTheGenericVerdict() {
        GateRunResult result = run(ScanCapability.INSTANCE, "model/", List.of(), scanMetrics(0, 0),
                Json.mapper().createObjectNode());

        assertThat(DetailSection.NONE.verdict(result).sentence()).startsWith("PASSED: the run finished (gates: ");
    }

    @Test
    void aSectionThatCannotJudgeTheResultLeavesTheGenericVerdict() {
        GateRunResult result = run(ScanCapability.INSTANCE, "model/", List.of(), scanMetrics(0, 0),
                Json.mapper().createObjectNode());
        DetailSection failing = new DetailSection() {
            @Override
            public String render(com.fasterxml.jackson.databind.JsonNode details) {
                return "";
            }

            @Override
            public Verdict verdict(GateRunResult r) {
                throw new IllegalStateException("details of another shape");
            }
        };

        assertThat(HtmlReport.fragment(result, failing)).contains("PASSED</span> the run finished (gates: ");
    }

    @Test
    void unitsFollowTheNumbersAndNaNReadsNotAvailable() {
        assertThat(Units.of(3.5, "ms")).isEqualTo("3.5 ms");
        assertThat(Units.of(0.95, "")).isEqualTo("0.95");
        assertThat(Units.of(Double.NaN, "ms")).isEqualTo("n/a");
        assertThat(Units.of(Json.mapper().getNodeFactory().textNode("NaN"), "")).isEqualTo("n/a");
        assertThat(Units.perSecond(1520.34, "samples")).isEqualTo("1520.3 samples/s");
        assertThat(Units.mebibytes(3 * 1024 * 1024 / 2)).isEqualTo("1.5 MiB");
        assertThat(Units.count(1, "class", "classes")).isEqualTo("1 class");
        assertThat(HtmlReport.number(Double.NaN)).isEqualTo("n/a");
    }
}
