package org.secmlops.core.capability.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.secmlops.core.capability.IssueTracking;
import org.secmlops.core.capability.TrackedIssue;

/**
 * Data-check suspects across builds: one problem per flagged sample and detector that flagged it
 ({@code sample | detector}), read from the list of every suspicious sample ({@code details.dataCheck.flagged}).
 */
final class SuspectIssues implements IssueTracking {
    static final String SEPARATOR = " | ";

    @Override
    public String noun() {
        return "suspect flags (sample and detector)";
    }

    @Override
    public List<TrackedIssue> issues(JsonNode details) {
        JsonNode flagged = details.path("dataCheck").path("flagged");
        if (!flagged.isMissingNode() && !flagged.isArray()) {
            throw new IllegalArgumentException("dataCheck.flagged is not a list");
        }
        List<TrackedIssue> issues = new ArrayList<>();
        for (JsonNode sample : flagged) {
            String id = sample.path("id").asText();
            String text = "label " + sample.path("label").asInt()
                    + (sample.path("suggestedLabel").asInt(-1) >= 0
                    ? ", suggested " + sample.path("suggestedLabel").asInt() : "");
            for (JsonNode detector : sample.path("detectors")) {
                issues.add(new TrackedIssue(id + SEPARATOR + detector.asText(), detector.asText(), text));
            }
        }
        return issues;
    }

    @Override
    public Map<String, Double> metrics(List<TrackedIssue> newIssues) {
        long samples = newIssues.stream()
                .map(issue -> issue.key().substring(0, issue.key().length() - issue.kind().length()
                        - SEPARATOR.length()))
                .distinct().count();
        return Map.of(DataCheckCapability.NEW_SUSPICIOUS_SAMPLES, (double) samples);
    }
}
