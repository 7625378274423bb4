package org.secmlops.core.capability.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.CapabilitySection;
import org.secmlops.core.capability.IssueTracking;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.MetricCatalog;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.Units;
import org.secmlops.core.result.GateRunResult;

/**
 * Training-data poisoning and integrity as a gate (capability id {@code data}). Default gates: at most 10 new label
 * issues since the reference build ({@code LABEL_ISSUES}, DELTA, UNSTABLE), no backdoor suspect
 * ({@code BACKDOOR_SUSPECTS} ≤ 0, UNSTABLE), at most 10% suspicious samples ({@code SUSPICIOUS_FRACTION} ≤ 0.1,
 * UNSTABLE); with an approved manifest also no change ({@code INTEGRITY_CHANGES} ≤ 0, FAILURE), with a reference
 * also no major drift ({@code DRIFT_MAX_PSI} ≤ 0.25, UNSTABLE). {@code DRIFT_MAX_PSI} and {@code INTEGRITY_CHANGES}
 * are measured only with a reference or an approved manifest; a gate on them fails otherwise.
 */
public final class DataCheckCapability implements Capability {
    /** The capability with the base default gates. */
    public static final DataCheckCapability INSTANCE = new DataCheckCapability(false, false);

    public static final String SUSPICIOUS_FRACTION = "SUSPICIOUS_FRACTION";
    public static final String LABEL_ISSUES = "LABEL_ISSUES";
    public static final String BACKDOOR_SUSPECTS = "BACKDOOR_SUSPECTS";
    public static final String DUPLICATES = "DUPLICATES";
    public static final String DRIFT_MAX_PSI = "DRIFT_MAX_PSI";
    public static final String INTEGRITY_CHANGES = "INTEGRITY_CHANGES";
    public static final String NEW_SUSPICIOUS_SAMPLES = "NEW_SUSPICIOUS_SAMPLES";

    private static final SuspectIssues ISSUES = new SuspectIssues();

    /** The population stability index above which a feature counts as drifted (a major shift). */
    public static final double MAJOR_DRIFT_PSI = 0.25;

    private static final MetricCatalog CATALOG = new MetricCatalog("data", List.of(
            new MetricDefinition(SUSPICIOUS_FRACTION, "Share of samples flagged by any verdict detector (0..1)",
                    MetricDirection.LOWER_IS_BETTER),
            MetricDefinition.count(LABEL_ISSUES, "Samples whose label confident learning finds wrong",
                    MetricDirection.LOWER_IS_BETTER),
            MetricDefinition.count(BACKDOOR_SUSPECTS, "Samples flagged by both spectral signatures and activation"
                    + " clustering, carrying a trigger patch, relabelled one way between two classes or (with a model)"
                    + " collided into another class's representation", MetricDirection.LOWER_IS_BETTER),
            MetricDefinition.count(DUPLICATES, "Exact or near copies of an earlier sample, and samples with"
                    + " conflicting labels", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(DRIFT_MAX_PSI, "Largest per-feature population stability index against the"
                    + " reference (only with a reference)", MetricDirection.LOWER_IS_BETTER),
            MetricDefinition.count(INTEGRITY_CHANGES, "Samples added, removed or modified since the approved manifest"
                    + " (only with an approved manifest)", MetricDirection.LOWER_IS_BETTER),
            MetricDefinition.count(NEW_SUSPICIOUS_SAMPLES, "Samples flagged by a detector that did not flag them in the"
                    + " reference build; 0 without a reference build", MetricDirection.LOWER_IS_BETTER)));

    private final boolean reference;
    private final boolean approved;

    private DataCheckCapability(boolean reference, boolean approved) {
        this.reference = reference;
        this.approved = approved;
    }

    /** The capability for a run: the default gates include drift and integrity when they are measured. */
    public static DataCheckCapability forRun(boolean withReference, boolean withApprovedManifest) {
        return new DataCheckCapability(withReference, withApprovedManifest);
    }

    @Override
    public String displayName() {
        return "Training data check";
    }

    @Override
    public List<String> trendMetrics() {
        return List.of(SUSPICIOUS_FRACTION, BACKDOOR_SUSPECTS);
    }

    /** Suspects are followed across builds by sample id and detector. */
    @Override
    public Optional<IssueTracking> issueTracking() {
        return Optional.of(ISSUES);
    }

    @Override
    public MetricCatalog catalog() {
        return CATALOG;
    }

    @Override
    public List<QualityGate> defaultGates() {
        List<QualityGate> gates = new ArrayList<>(List.of(
                QualityGate.delta(LABEL_ISSUES, 10, Criticality.UNSTABLE),
                QualityGate.absolute(BACKDOOR_SUSPECTS, 0, Criticality.UNSTABLE),
                QualityGate.absolute(SUSPICIOUS_FRACTION, 0.1, Criticality.UNSTABLE)));
        if (approved) {
            gates.add(QualityGate.absolute(INTEGRITY_CHANGES, 0, Criticality.FAILURE));
        }
        if (reference) {
            gates.add(QualityGate.absolute(DRIFT_MAX_PSI, MAJOR_DRIFT_PSI, Criticality.UNSTABLE));
        }
        return List.copyOf(gates);
    }

    /** Renders the detectors, the top suspects (with thumbnails of image samples), balance, drift and integrity. */
    @Override
    public DetailSection detailSection() {
        return CapabilitySection.of(this, DataCheckCapability::render);
    }

    private static String render(JsonNode details) {
        return DataCheckHtml.render(details.path("dataCheck"), ClassNames.from(details));
    }

    /** E.g. {@code 12 of 1797 samples suspicious (3 label issues, 0 backdoor suspects, 4 duplicates)}. */
    @Override
    public String headline(GateRunResult result) {
        JsonNode r = result.details().path("dataCheck");
        Map<String, Double> m = result.metrics();
        String head = r.path("suspicious").asLong() + " of " + Units.count(r.path("samples").asLong(), "sample")
                + " suspicious (" + Units.count(m.getOrDefault(LABEL_ISSUES, 0.0).longValue(), "label issue") + ", "
                + Units.count(m.getOrDefault(BACKDOOR_SUSPECTS, 0.0).longValue(), "backdoor suspect") + ", "
                + Units.count(m.getOrDefault(DUPLICATES, 0.0).longValue(), "duplicate") + ")";
        if (m.containsKey(DRIFT_MAX_PSI)) {
            head += ", largest feature drift PSI " + Units.of(m.get(DRIFT_MAX_PSI), "");
        }
        if (m.containsKey(INTEGRITY_CHANGES)) {
            head += ", " + Units.count(m.get(INTEGRITY_CHANGES).longValue(), "sample") + " changed since the approved"
                    + " manifest";
        }
        return head;
    }

    /** Compares with the defaults of a run with the reference and manifest this result shows. */
    @Override
    public boolean usesDefaultGates(GateRunResult result) {
        return forRun(result.metrics().containsKey(DRIFT_MAX_PSI), result.metrics().containsKey(INTEGRITY_CHANGES))
                .defaultGates().equals(result.gates().results().stream().map(g -> g.gate()).toList());
    }
}
