package org.secmlops.core.gate;

import java.util.List;
import java.util.Optional;
import org.secmlops.core.report.DetailSection;

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

    /** Renders the capability's result details in reports; nothing by default. */
    default DetailSection detailSection() {
        return DetailSection.NONE;
    }
}
