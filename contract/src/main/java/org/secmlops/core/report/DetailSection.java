package org.secmlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.secmlops.core.result.GateRunResult;

/** Renders a capability's detail (the {@code details} of its result) as an HTML fragment. */
@FunctionalInterface
public interface DetailSection {
    /** A section that renders nothing. */
    DetailSection NONE = details -> "";

    /**
     * @param details the result's details
     * @return HTML in which every piece of text from the details is escaped with {@link Html#escape}
     */
    String render(JsonNode details);

    /**
     * A short part shown right after the gates, before the metrics (what changed since the reference build); empty
     * by default. Every text is escaped as in {@link #render}.
     */
    default String summary(JsonNode details) {
        return "";
    }

    /** The sentence that opens the report; by default one from the status and the gates alone. */
    default Verdict verdict(GateRunResult result) {
        return Verdict.of(result, "", false);
    }

    /** The unit of a metric for display, e.g. {@code ms}; empty when it has none or is a share. */
    default String unit(String metric) {
        return "";
    }
}
