package org.secmlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;

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
}
