package org.secmlops.core.gate;

import java.util.List;
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

    /** Renders the capability's result details in reports; nothing by default. */
    default DetailSection detailSection() {
        return DetailSection.NONE;
    }
}
