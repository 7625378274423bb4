package org.secmlops.core.capability;

import java.util.List;
import java.util.Optional;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.MetricCatalog;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.Verdict;
import org.secmlops.core.result.GateRunResult;

/** A security capability (scan, sign, robustness, data check): the metrics it reports and its default gates. */
public interface Capability {
    /** The capability's id as used in results and on the command line, e.g. {@code scan}. */
    default String id() {
        return catalog().capability();
    }

    /** A short human name, e.g. {@code Model scan}. */
    String displayName();

    /** The metrics the capability reports. */
    MetricCatalog catalog();

    /** The gates applied when the user configures none. */
    List<QualityGate> defaultGates();

    /**
     * Where the gates hold no absolute threshold on what the capability is about (robust accuracy, accuracy), a
     * plain sentence saying so: a PASSED run then says the evaluation was valid, not that the result is good
     * enough. Empty by default.
     */
    default Optional<String> missingThreshold(List<QualityGate> gates) {
        return Optional.empty();
    }

    /**
     * Renders the capability's result details in reports, opened by its {@link #verdict}; nothing but the verdict by
     * default. Capabilities with details return {@code CapabilitySection.of(this, theirRenderer)}.
     */
    default DetailSection detailSection() {
        return CapabilitySection.of(this, DetailSection.NONE);
    }

    /**
     * The capability's headline measurement for the verdict, in a few words without a full stop, e.g.
     * {@code robust accuracy 0.42 at ε = 0.03}; empty by default.
     */
    default String headline(GateRunResult result) {
        return "";
    }

    /**
     * The one or two metrics that matter most, charted on the job page; the first of the catalog by default.
     */
    default List<String> trendMetrics() {
        return List.of(catalog().metrics().get(0).name());
    }

    /**
     * How the capability's problems are followed across builds (new, fixed, outstanding since the reference
     * build); empty, the default, where they are not.
     */
    default Optional<IssueTracking> issueTracking() {
        return Optional.empty();
    }

    /** The unit of one of the capability's metrics for display, e.g. {@code ms}; empty by default. */
    default String unit(String metric) {
        return "";
    }

    /** Whether the result was judged by the capability's default gates alone (none configured). */
    default boolean usesDefaultGates(GateRunResult result) {
        return result.gates().results().stream().map(GateResult::gate).toList().equals(defaultGates());
    }

    /** The sentence that opens the capability's report. */
    default Verdict verdict(GateRunResult result) {
        Verdict verdict = Verdict.of(result, headline(result), usesDefaultGates(result));
        return missingThreshold(result.gates().results().stream().map(GateResult::gate).toList())
                .map(verdict::withNotice).orElse(verdict);
    }
}
