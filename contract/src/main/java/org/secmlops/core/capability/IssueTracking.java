package org.secmlops.core.capability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a capability's problems are followed across builds (new, fixed, outstanding, as warnings-ng does for
 * static-analysis issues): which problems a result's details hold and which gate metrics the new ones give.
 */
public interface IssueTracking {
    /** What the problems are called in a report, plural, e.g. {@code findings}. */
    String noun();

    /**
     * Whether a result's details say which problems there are (a robustness run without an attack names no broken
     * sample); true by default.
     */
    default boolean tracks(JsonNode details) {
        return true;
    }

    /** The problems in a result's details; the same problem has the same key in every build. */
    List<TrackedIssue> issues(JsonNode details);

    /**
     * The keys that were examined at all, where not every key could have been an issue (the samples a robustness
     * run evaluated); empty where any key could have been found (scan findings). Only keys examined in both builds
     * can be new or fixed.
     */
    default Optional<Set<String>> examined(JsonNode details) {
        return Optional.empty();
    }

    /**
     * The gate metrics of the problems that are new since the reference build, e.g. {@code NEW_CRITICAL_FINDINGS}:
     * 0 each when nothing is new (also when there is no reference build).
     */
    Map<String, Double> metrics(List<TrackedIssue> newIssues);
}
