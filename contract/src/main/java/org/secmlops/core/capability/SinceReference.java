package org.secmlops.core.capability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.secmlops.core.result.GateRunResult;

/**
 * Compares a run's problems with those of the reference build's result ({@link IssueComparison}) and gives the gate
 * metrics of what is new.
 */
public final class SinceReference {
    private SinceReference() {
    }

    /**
     * What the comparison adds to a run.
     *
     * @param metrics    the gate metrics of the new problems, e.g. {@code NEW_CRITICAL_FINDINGS}, in the catalog's
     *                   order
     * @param comparison the comparison, its lists cut at {@link IssueComparison#MAX_LISTED}
     */
    public record Outcome(Map<String, Double> metrics, IssueComparison comparison) {
        public Outcome {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /**
     * Checks before any work that a reference result can be compared with a run of the capability.
     *
     * @throws IllegalArgumentException where it is another capability's result or its details are not what that
     *                                  capability writes
     */
    public static void checkReference(Capability capability, GateRunResult reference, String referenceName) {
        previousIssues(capability, reference, referenceName);
    }

    private static List<TrackedIssue> previousIssues(Capability capability, GateRunResult previous,
            String referenceName) {
        if (!previous.capability().equals(capability.id())) {
            throw new IllegalArgumentException("the reference result " + referenceName + " is a result of "
                    + previous.capability() + ", not of " + capability.id());
        }
        Optional<IssueTracking> tracking = capability.issueTracking();
        JsonNode details = previous.details();
        if (tracking.isEmpty() || !tracking.get().tracks(details)) {
            return List.of();
        }
        try {
            return tracking.get().issues(details);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the reference result " + referenceName + " has details this"
                    + " version cannot compare with: " + e.getMessage(), e);
        }
    }

    /**
     * Compares the problems in a run's details with the reference's.
     *
     * @param capability    the capability that ran
     * @param details       the run's details
     * @param reference     the reference build's result, or empty without one (then nothing is new)
     * @param referenceName names the reference build in the report
     * @return empty where the capability follows no problems across builds, or the details name none
     * @throws IllegalArgumentException where the reference is another capability's result or its details are not
     *                                  what that capability writes ({@link #checkReference} says so before the work)
     */
    public static Optional<Outcome> compare(Capability capability, JsonNode details,
            Optional<GateRunResult> reference, String referenceName) {
        Optional<IssueTracking> tracking = capability.issueTracking();
        if (tracking.isEmpty() || !tracking.get().tracks(details)) {
            return Optional.empty();
        }
        IssueTracking tracked = tracking.get();
        List<TrackedIssue> current = tracked.issues(details);
        IssueComparison comparison;
        if (reference.isEmpty()) {
            comparison = IssueComparison.withoutReference(current);
        } else {
            List<TrackedIssue> before = previousIssues(capability, reference.get(), referenceName);
            JsonNode previousDetails = reference.get().details();
            comparison = IssueComparison.of(referenceName, current, before, tracked.examined(details),
                    tracked.tracks(previousDetails) ? tracked.examined(previousDetails) : Optional.of(Set.of()));
        }
        return Optional.of(new Outcome(tracked.metrics(comparison.newIssues()),
                comparison.limited(IssueComparison.MAX_LISTED)));
    }
}
