package org.secmlops.core.capability.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.secmlops.core.capability.IssueTracking;
import org.secmlops.core.capability.TrackedIssue;

/**
 * Robustness across builds, by sample: a problem is a sample that is not robust at the gate budget (misclassified, or
 * broken by some attack). New ones that the reference run evaluated were robust there: newly broken.
 */
final class BrokenSamples implements IssueTracking {
    static final String KIND = "NOT_ROBUST";

    @Override
    public String noun() {
        return "samples not robust";
    }

    @Override
    public boolean tracks(JsonNode details) {
        return outcomes(details).isObject();
    }

    @Override
    public List<TrackedIssue> issues(JsonNode details) {
        JsonNode outcomes = outcomes(details);
        String text = "misclassified or broken at ε = " + outcomes.path("epsilon").asText();
        List<TrackedIssue> issues = new java.util.ArrayList<>();
        ids(outcomes, "notRobust").forEach(id -> issues.add(new TrackedIssue(id, KIND, text)));
        return issues;
    }

    @Override
    public Optional<Set<String>> examined(JsonNode details) {
        JsonNode outcomes = outcomes(details);
        Set<String> examined = new HashSet<>(ids(outcomes, "robust"));
        examined.addAll(ids(outcomes, "notRobust"));
        return Optional.of(examined);
    }

    @Override
    public Map<String, Double> metrics(List<TrackedIssue> newIssues) {
        return Map.of(RobustnessCapability.NEWLY_BROKEN_SAMPLES, (double) newIssues.size());
    }

    private static JsonNode outcomes(JsonNode details) {
        return details.path("robustness").path("sampleOutcomes");
    }

    private static List<String> ids(JsonNode outcomes, String field) {
        JsonNode list = outcomes.path(field);
        if (!list.isArray()) {
            throw new IllegalArgumentException("robustness.sampleOutcomes." + field + " is not a list");
        }
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
