package org.secmlops.core.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.Json;
import org.secmlops.core.result.SecurityCost;

class SinceReferenceTest {
    @Test
    void shouldCountARepeatedKeyOncePerOccurrence() {
        TrackedIssue first = new TrackedIssue("a.pkl | PICKLE", "CRITICAL", "one");
        TrackedIssue second = new TrackedIssue("a.pkl | PICKLE", "CRITICAL", "two");

        IssueComparison comparison = IssueComparison.of("#1", List.of(first, second), List.of(first),
                Optional.empty(), Optional.empty());

        assertThat(comparison.outstandingIssues()).extracting(TrackedIssue::key).containsExactly("a.pkl | PICKLE");
        assertThat(comparison.newIssues()).extracting(TrackedIssue::key).containsExactly("a.pkl | PICKLE #2");
        assertThat(comparison.fixedCount()).isZero();
    }

    @Test
    void shouldKeepCountsWhenListsAreCut() {
        List<TrackedIssue> many = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> new TrackedIssue("k" + i, "LOW", "")).toList();

        IssueComparison cut = IssueComparison.of("#1", many, List.of(), Optional.empty(), Optional.empty()).limited(2);

        assertThat(cut.newCount()).isEqualTo(5);
        assertThat(cut.newIssues()).hasSize(2);
        assertThat(IssueComparison.in(Json.mapper().createObjectNode().set(IssueComparison.DETAILS_KEY,
                cut.toJson()))).contains(cut);
    }

    @Test
    void shouldCountSuspectSamplesNewWhenADetectorNewlyFlagsThem() {
        JsonNode before = dataCheck("""
                [{"id":"line 2","label":0,"suggestedLabel":1,"detectors":["confident_learning"]},
                 {"id":"line 7","label":1,"suggestedLabel":-1,"detectors":["duplicates"]}]""");
        JsonNode now = dataCheck("""
                [{"id":"line 2","label":0,"suggestedLabel":1,"detectors":["confident_learning","knn"]},
                 {"id":"line 9","label":1,"suggestedLabel":-1,"detectors":["knn"]}]""");

        SinceReference.Outcome outcome = SinceReference.compare(DataCheckCapability.INSTANCE, now,
                Optional.of(result("data", before)), "#3").orElseThrow();

        assertThat(outcome.metrics()).containsEntry("NEW_SUSPICIOUS_SAMPLES", 2.0);
        assertThat(outcome.comparison().newIssues()).extracting(TrackedIssue::key)
                .containsExactly("line 2 | knn", "line 9 | knn");
        assertThat(outcome.comparison().fixedIssues()).extracting(TrackedIssue::key)
                .containsExactly("line 7 | duplicates");
        assertThat(outcome.comparison().outstandingIssues()).extracting(TrackedIssue::key)
                .containsExactly("line 2 | confident_learning");
    }

    @Test
    void shouldCountOnlySamplesRobustInTheReferenceAsNewlyBroken() {
        JsonNode before = robustness("[\"s1\",\"s2\"]", "[\"s3\"]");
        JsonNode now = robustness("[\"s2\"]", "[\"s1\",\"s3\",\"s4\"]");

        SinceReference.Outcome outcome = SinceReference.compare(RobustnessCapability.INSTANCE, now,
                Optional.of(result("robustness", before)), "#3").orElseThrow();

        assertThat(outcome.metrics()).containsEntry("NEWLY_BROKEN_SAMPLES", 1.0);
        assertThat(outcome.comparison().newIssues()).extracting(TrackedIssue::key).containsExactly("s1");
        assertThat(outcome.comparison().outstandingIssues()).extracting(TrackedIssue::key).containsExactly("s3");
        assertThat(outcome.comparison().notCompared()).isEqualTo(1);
    }

    @Test
    void shouldCompareNothingWhereTheReferenceRecordedNoSampleOutcomes() {
        JsonNode now = robustness("[]", "[\"s1\"]");

        SinceReference.Outcome outcome = SinceReference.compare(RobustnessCapability.INSTANCE, now,
                Optional.of(result("robustness", Json.mapper().createObjectNode())), "#3").orElseThrow();

        assertThat(outcome.metrics()).containsEntry("NEWLY_BROKEN_SAMPLES", 0.0);
        assertThat(outcome.comparison().notCompared()).isEqualTo(1);
    }

    @Test
    void shouldAddNoMetricWhereTheRunRecordedNoSampleOutcomes() {
        assertThat(SinceReference.compare(RobustnessCapability.INSTANCE, Json.mapper().createObjectNode(),
                Optional.empty(), "none")).isEmpty();
    }

    @Test
    void shouldRefuseAReferenceOfAnotherCapabilityOrWithForeignDetails() {
        assertThatThrownBy(() -> SinceReference.checkReference(ScanCapability.INSTANCE,
                result("data", Json.mapper().createObjectNode()), "ref.json"))
                .hasMessageContaining("is a result of data, not of scan");
        JsonNode foreign = Json.mapper().createObjectNode().put("findings", "none");
        assertThatThrownBy(() -> SinceReference.checkReference(ScanCapability.INSTANCE, result("scan", foreign),
                "ref.json")).hasMessageContaining("cannot compare with");
    }

    private static JsonNode dataCheck(String flagged) {
        try {
            return Json.mapper().readTree("{\"dataCheck\":{\"flagged\":" + flagged + "}}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode robustness(String robust, String notRobust) {
        try {
            return Json.mapper().readTree("{\"robustness\":{\"sampleOutcomes\":{\"epsilon\":0.1,\"robust\":" + robust
                    + ",\"notRobust\":" + notRobust + ",\"truncated\":false}}}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static GateRunResult result(String capability, JsonNode details) {
        return new GateRunResult(1, capability, "test", "subject", Instant.EPOCH, Map.of(),
                new GateEvaluation(List.of(), GateStatus.PASSED), new SecurityCost(1, 1, 1), details);
    }
}
