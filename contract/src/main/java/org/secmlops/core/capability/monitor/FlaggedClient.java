package org.secmlops.core.capability.monitor;

/**
 * A client whose queries look like a black-box attack campaign: many queries far closer to its own earlier queries
 * than benign traffic ever is.
 *
 * @param client            the client's id as logged
 * @param queriesSeen       its queries since it is tracked (across windows, through the state file)
 * @param queriesInWindow   its queries in this window
 * @param firstFlaggedQuery the 1-based number, among the client's queries, of the query that flagged it
 * @param flaggedAt         that query's timestamp (empty where it had none)
 * @param flaggedInWindow   whether it was flagged in this window (else in an earlier one)
 * @param closeQueries      its queries whose neighbour distance fell below the threshold
 * @param minDistance       the smallest mean distance of one of its queries to its nearest earlier queries
 */
public record FlaggedClient(String client, long queriesSeen, long queriesInWindow, long firstFlaggedQuery,
        String flaggedAt, boolean flaggedInWindow, long closeQueries, double minDistance) {
}
