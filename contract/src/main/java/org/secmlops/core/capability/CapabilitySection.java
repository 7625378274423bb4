package org.secmlops.core.capability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.Verdict;
import org.secmlops.core.result.GateRunResult;

/**
 * A capability's detail section: renders the details with the capability's renderer and takes the verdict and
 * the metrics' units from the capability.
 */
public final class CapabilitySection implements DetailSection {
    private final Capability capability;
    private final DetailSection body;

    private CapabilitySection(Capability capability, DetailSection body) {
        this.capability = Objects.requireNonNull(capability, "capability");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** The section of {@code capability} whose details {@code body} renders. */
    public static DetailSection of(Capability capability, DetailSection body) {
        return new CapabilitySection(capability, body);
    }

    @Override
    public String render(JsonNode details) {
        return body.render(details);
    }

    /** What changed since the reference build, where the capability follows its problems across builds. */
    @Override
    public String summary(JsonNode details) {
        if (capability.issueTracking().isEmpty()) {
            return "";
        }
        return IssueComparison.in(details)
                .map(comparison -> IssueComparisonHtml.render(comparison, capability.issueTracking().get().noun()))
                .orElse("");
    }

    @Override
    public Verdict verdict(GateRunResult result) {
        return capability.verdict(result);
    }

    @Override
    public String unit(String metric) {
        return capability.unit(metric);
    }
}
