package io.jenkins.plugins.secmlops;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.IssueComparison;
import org.secmlops.core.capability.IssueTracking;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.result.GateRunResult;

/**
 * The part of a gate run kept in {@code build.xml}: status, metrics, gate outcomes and cost. The full
 * result (findings and other detail) stays in the build directory. A plain class, not a record, because
 * Jenkins persists it with XStream.
 */
public final class GateRunSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String capability;
    private final String displayName;
    private final String subject;
    private final GateStatus status;
    private final LinkedHashMap<String, Double> metrics;
    private final ArrayList<GateRow> gates;
    private final long wallTimeMillis;
    private final long peakHeapBytes;
    private final long peakRssBytes;
    /** What changed since the reference build, in a few words; null where the run compared nothing (or in old builds). */
    private final String sinceReference;

    GateRunSummary(String id, String displayName, GateRunResult result) {
        this.id = id;
        this.capability = result.capability();
        this.displayName = displayName;
        this.subject = result.subject();
        this.status = result.status();
        this.metrics = new LinkedHashMap<>(result.metrics());
        this.gates = new ArrayList<>();
        for (GateResult gate : result.gates().results()) {
            gates.add(new GateRow(gate));
        }
        this.wallTimeMillis = result.cost().wallTimeMillis();
        this.peakHeapBytes = result.cost().peakHeapBytes();
        this.peakRssBytes = result.cost().peakRssBytes();
        this.sinceReference = sinceReference(result);
    }

    private static String sinceReference(GateRunResult result) {
        Optional<IssueTracking> tracking = Capabilities.find(result.capability()).flatMap(Capability::issueTracking);
        try {
            return tracking.flatMap(t -> IssueComparison.in(result.details()).map(c -> c.sentence(t.noun())))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** E.g. {@code 1 new, 1 fixed, 2 outstanding findings since job#2}; null where the run compared nothing. */
    public String getSinceReference() {
        return sinceReference;
    }

    public String getId() {
        return id;
    }

    public String getCapability() {
        return capability;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getSubject() {
        return subject;
    }

    public GateStatus getStatus() {
        return status;
    }

    public Map<String, Double> getMetrics() {
        return Collections.unmodifiableMap(metrics);
    }

    public List<GateRow> getGates() {
        return Collections.unmodifiableList(gates);
    }

    public long getWallTimeMillis() {
        return wallTimeMillis;
    }

    public long getPeakHeapBytes() {
        return peakHeapBytes;
    }

    public long getPeakRssBytes() {
        return peakRssBytes;
    }

    /**
     * A plain sentence where the gates hold no threshold on what the capability is about (e.g. no robustness
     * threshold), so that PASSED is not read as a security verdict; {@code null} otherwise.
     */
    public String getNotice() {
        List<QualityGate> configured = new ArrayList<>();
        for (GateRow row : gates) {
            try {
                configured.add(new QualityGate(row.getMetric(), row.getThreshold(),
                        Criticality.valueOf(row.getCriticality()), Baseline.valueOf(row.getBaseline())));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return Capabilities.find(capability).flatMap(known -> known.missingThreshold(configured)).orElse(null);
    }

    /** Whether this run passed its gates (inactive gates do not fail). */
    public boolean isPassed() {
        return !status.isWorseThan(GateStatus.PASSED);
    }

    /** One gate's outcome, as shown on the build page. */
    public static final class GateRow implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String metric;
        private final String baseline;
        private final String criticality;
        private final double threshold;
        private final Double value;
        private final Double referenceValue;
        private final GateStatus status;
        private final String reason;

        GateRow(GateResult result) {
            metric = result.gate().metric();
            baseline = result.gate().baseline().name();
            criticality = result.gate().criticality().name();
            threshold = result.gate().threshold();
            value = result.value();
            referenceValue = result.referenceValue();
            status = result.status();
            reason = result.reason();
        }

        public String getMetric() {
            return metric;
        }

        public String getBaseline() {
            return baseline;
        }

        public String getCriticality() {
            return criticality;
        }

        public double getThreshold() {
            return threshold;
        }

        public Double getValue() {
            return value;
        }

        public Double getReferenceValue() {
            return referenceValue;
        }

        public GateStatus getStatus() {
            return status;
        }

        public String getReason() {
            return reason;
        }
    }
}
