package org.secmlops.core.capability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.secmlops.core.result.Json;

/**
 * A run's problems compared with the reference build's (the build the {@code DELTA} gates compare with), as
 * warnings-ng compares static-analysis issues: <em>new</em> (here, not in the reference), <em>fixed</em> (in the
 * reference, gone now) and <em>outstanding</em> (in both). Without a reference build every problem is outstanding
 * and nothing is new or fixed, as in warnings-ng, so a gate on "nothing new" passes the first build. Stored in a
 * result's details under {@link #DETAILS_KEY}; the lists are cut at {@link #MAX_LISTED}, the counts are not.
 *
 * @param reference         the reference build (or result file), or {@code null} without one
 * @param newCount          problems new since the reference
 * @param fixedCount        problems of the reference that are gone
 * @param outstandingCount  problems in both
 * @param notCompared       problems of this run whose subject the reference did not examine (e.g. samples the
 *                          reference run did not evaluate): neither new nor outstanding
 * @param newIssues         the new problems, at most {@link #MAX_LISTED}
 * @param fixedIssues       the fixed problems, at most {@link #MAX_LISTED}
 * @param outstandingIssues the outstanding problems, at most {@link #MAX_LISTED}
 */
public record IssueComparison(String reference, int newCount, int fixedCount, int outstandingCount,
        int notCompared, List<TrackedIssue> newIssues, List<TrackedIssue> fixedIssues,
        List<TrackedIssue> outstandingIssues) {
    /** The key of the comparison in a result's details. */
    public static final String DETAILS_KEY = "sinceReference";
    /** How many problems each list keeps at most. */
    public static final int MAX_LISTED = 1000;

    public IssueComparison {
        newIssues = List.copyOf(newIssues);
        fixedIssues = List.copyOf(fixedIssues);
        outstandingIssues = List.copyOf(outstandingIssues);
        if (newCount < newIssues.size() || fixedCount < fixedIssues.size()
                || outstandingCount < outstandingIssues.size() || notCompared < 0) {
            throw new IllegalArgumentException("counts must cover the listed problems");
        }
    }

    /** Whether there was a reference build to compare with. */
    public boolean hasReference() {
        return reference != null;
    }

    /**
     * The comparison in a few words, e.g. {@code 1 new, 1 fixed, 2 outstanding findings since job#2}, or {@code no
     * reference build: 3 findings outstanding}.
     *
     * @param noun what the problems are called, plural, e.g. {@code findings}
     */
    public String sentence(String noun) {
        if (!hasReference()) {
            return "no reference build: " + outstandingCount + " " + noun + " outstanding";
        }
        return newCount + " new, " + fixedCount + " fixed, " + outstandingCount + " outstanding " + noun + " since "
                + reference;
    }

    /** Every problem outstanding, none new or fixed: the comparison of a run without a reference build. */
    public static IssueComparison withoutReference(List<TrackedIssue> current) {
        List<TrackedIssue> issues = distinctKeys(current);
        return new IssueComparison(null, 0, 0, issues.size(), 0, List.of(), List.of(), issues);
    }

    /**
     * Compares a run's problems with the reference's by key. A key that occurs more than once in one run (two
     * findings of one rule at one place) is counted once per occurrence ({@code key #2}, ...).
     *
     * @param reference         names the reference build
     * @param current           this run's problems
     * @param previous          the reference's problems
     * @param currentExamined   the keys this run examined, where not every key could be a problem; else empty
     * @param previousExamined  the keys the reference examined, likewise
     */
    public static IssueComparison of(String reference, List<TrackedIssue> current, List<TrackedIssue> previous,
            Optional<Set<String>> currentExamined, Optional<Set<String>> previousExamined) {
        List<TrackedIssue> now = distinctKeys(current);
        List<TrackedIssue> before = distinctKeys(previous);
        Map<String, TrackedIssue> beforeByKey = new LinkedHashMap<>();
        before.forEach(issue -> beforeByKey.put(issue.key(), issue));
        Set<String> nowKeys = new HashSet<>();
        now.forEach(issue -> nowKeys.add(issue.key()));
        List<TrackedIssue> fresh = new ArrayList<>();
        List<TrackedIssue> outstanding = new ArrayList<>();
        int notCompared = 0;
        for (int i = 0; i < now.size(); i++) {
            TrackedIssue issue = now.get(i);
            if (beforeByKey.containsKey(issue.key())) {
                outstanding.add(issue);
            } else if (previousExamined.isPresent() && !previousExamined.get().contains(current.get(i).key())) {
                notCompared++;
            } else {
                fresh.add(issue);
            }
        }
        List<TrackedIssue> fixed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            TrackedIssue issue = before.get(i);
            if (!nowKeys.contains(issue.key())
                    && (currentExamined.isEmpty() || currentExamined.get().contains(previous.get(i).key()))) {
                fixed.add(issue);
            }
        }
        return new IssueComparison(reference, fresh.size(), fixed.size(), outstanding.size(), notCompared,
                fresh, fixed, outstanding);
    }

    /** This comparison with each list cut at {@code max} problems; the counts stay. */
    public IssueComparison limited(int max) {
        return new IssueComparison(reference, newCount, fixedCount, outstandingCount, notCompared,
                cut(newIssues, max), cut(fixedIssues, max), cut(outstandingIssues, max));
    }

    /** The comparison in a result's details, if it holds one. */
    public static Optional<IssueComparison> in(JsonNode details) {
        JsonNode node = details.path(DETAILS_KEY);
        if (!node.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().treeToValue(node, IssueComparison.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the comparison with the reference build cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** This comparison as JSON, for a result's details. */
    public JsonNode toJson() {
        return Json.mapper().valueToTree(this);
    }

    private static List<TrackedIssue> cut(List<TrackedIssue> issues, int max) {
        return issues.size() <= max ? issues : issues.subList(0, max);
    }

    private static List<TrackedIssue> distinctKeys(List<TrackedIssue> issues) {
        Map<String, Integer> seen = new HashMap<>();
        List<TrackedIssue> distinct = new ArrayList<>(issues.size());
        for (TrackedIssue issue : issues) {
            int occurrence = seen.merge(issue.key(), 1, Integer::sum);
            distinct.add(occurrence == 1 ? issue
                    : new TrackedIssue(issue.key() + OCCURRENCE + occurrence, issue.kind(), issue.text()));
        }
        return distinct;
    }

    private static final String OCCURRENCE = " #";
}
