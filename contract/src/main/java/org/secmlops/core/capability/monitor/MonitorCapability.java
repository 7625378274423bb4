package org.secmlops.core.capability.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.CapabilitySection;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.MetricCatalog;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.Units;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.Json;

/**
 * Security monitoring of a deployed model over one window of inference traffic (capability id {@code monitor}).
 * Default gates, all UNSTABLE: no feature with major drift ({@code INPUT_DRIFT_PSI} ≤ 0.25), no multivariate drift
 * ({@code EMBEDDING_DRIFT_P} ≥ 0.005), no attacking client ({@code ATTACK_CLIENTS} ≤ 0), at most 1% bad records
 * ({@code BAD_RECORDS} ≤ 0.01); with predictions also {@code PREDICTION_DRIFT_PSI} ≤ 0.25, with a model also
 * {@code CONFIDENCE_DROP} ≤ 0.1. {@code ACCURACY} is measured only where records carry labels, prediction and
 * confidence metrics only where they carry outputs or a model computes them; a gate on an unmeasured metric fails.
 */
public final class MonitorCapability implements Capability {
    /** Fields of {@link MonitorReport} added after the first release, with the value they read as where absent. */
    private static final Map<String, JsonNode> ADDED_AFTER_FIRST_RELEASE = Map.of(
            "adversarialFpr", TextNode.valueOf("NaN"), "distanceThreshold", TextNode.valueOf("NaN"),
            "squeezeThreshold", TextNode.valueOf("NaN"), "adversarialInputs", LongNode.valueOf(0),
            "flaggedInputs", JsonNodeFactory.instance.arrayNode(), "baseline", TextNode.valueOf(""),
            "baselineAccuracy", TextNode.valueOf("NaN"), "timeline", JsonNodeFactory.instance.arrayNode());

    /** The capability with the base default gates. */
    public static final MonitorCapability INSTANCE = new MonitorCapability(false, false);

    public static final String INPUT_DRIFT_PSI = "INPUT_DRIFT_PSI";
    public static final String EMBEDDING_DRIFT = "EMBEDDING_DRIFT";
    public static final String EMBEDDING_DRIFT_P = "EMBEDDING_DRIFT_P";
    public static final String PREDICTION_DRIFT_PSI = "PREDICTION_DRIFT_PSI";
    public static final String CONFIDENCE_DROP = "CONFIDENCE_DROP";
    public static final String ATTACK_CLIENTS = "ATTACK_CLIENTS";
    public static final String ACCURACY = "ACCURACY";
    public static final String BAD_RECORDS = "BAD_RECORDS";
    public static final String ADVERSARIAL_INPUT_RATE = "ADVERSARIAL_INPUT_RATE";
    public static final String ACCURACY_DROP = "ACCURACY_DROP";

    /** The most flagged clients the headline names. */
    public static final int CLIENTS_NAMED = 3;

    /** The population stability index above which a feature or the class shares count as drifted. */
    public static final double MAJOR_DRIFT_PSI = 0.25;

    private static final MetricCatalog CATALOG = new MetricCatalog("monitor", List.of(
            new MetricDefinition(INPUT_DRIFT_PSI, "Largest per-feature population stability index of the window"
                    + " against the reference", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(EMBEDDING_DRIFT, "Squared maximum mean discrepancy between window and reference on"
                    + " the PCA embedding", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(EMBEDDING_DRIFT_P, "Permutation p-value of the embedding drift (0..1; small means"
                    + " drift)", MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(PREDICTION_DRIFT_PSI, "Population stability index of the predicted-class shares"
                    + " (only with outputs or a model)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(CONFIDENCE_DROP, "Mean top probability on the reference (or of the baseline"
                    + " result) minus on the window (only with a model or a baseline result)",
                    MetricDirection.LOWER_IS_BETTER),
            MetricDefinition.count(ATTACK_CLIENTS, "Clients flagged as running a black-box attack campaign that"
                    + " queried in the window", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(ACCURACY, "Share of labelled records predicted right (only with labels)",
                    MetricDirection.HIGHER_IS_BETTER),
            new MetricDefinition(BAD_RECORDS, "Share of the window's lines that are not valid records (0..1)",
                    MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(ADVERSARIAL_INPUT_RATE, "Share of the window's records flagged as adversarial inputs"
                    + " (embedding distance, and feature squeezing with a model; about the calibrated"
                    + " false-positive rate on clean traffic)", MetricDirection.LOWER_IS_BETTER),
            new MetricDefinition(ACCURACY_DROP, "The baseline evaluation's accuracy minus the window's (only with"
                    + " labels and a baseline result)", MetricDirection.LOWER_IS_BETTER)));

    private final boolean predictions;
    private final boolean model;

    private MonitorCapability(boolean predictions, boolean model) {
        this.predictions = predictions;
        this.model = model;
    }

    /** The capability for a run: the default gates include prediction and confidence drift where measured. */
    public static MonitorCapability forRun(boolean withPredictions, boolean withModel) {
        return new MonitorCapability(withPredictions, withModel);
    }

    @Override
    public String displayName() {
        return "Model monitoring";
    }

    @Override
    public List<String> trendMetrics() {
        return List.of(ATTACK_CLIENTS, INPUT_DRIFT_PSI);
    }

    @Override
    public MetricCatalog catalog() {
        return CATALOG;
    }

    @Override
    public List<QualityGate> defaultGates() {
        List<QualityGate> gates = new ArrayList<>(List.of(
                QualityGate.absolute(INPUT_DRIFT_PSI, MAJOR_DRIFT_PSI, Criticality.UNSTABLE),
                QualityGate.absolute(EMBEDDING_DRIFT_P, 0.005, Criticality.UNSTABLE),
                QualityGate.absolute(ATTACK_CLIENTS, 0, Criticality.UNSTABLE),
                QualityGate.absolute(BAD_RECORDS, 0.01, Criticality.UNSTABLE)));
        if (predictions) {
            gates.add(QualityGate.absolute(PREDICTION_DRIFT_PSI, MAJOR_DRIFT_PSI, Criticality.UNSTABLE));
        }
        if (model) {
            gates.add(QualityGate.absolute(CONFIDENCE_DROP, 0.1, Criticality.UNSTABLE));
        }
        return List.copyOf(gates);
    }

    /**
     * Compares with the defaults of a run with the model this result shows ({@code CONFIDENCE_DROP} is measured
     * exactly when a model was given; logged outputs alone do not change the defaults).
     */
    @Override
    public boolean usesDefaultGates(GateRunResult result) {
        boolean model = result.metrics().containsKey(CONFIDENCE_DROP);
        return forRun(model, model).defaultGates()
                .equals(result.gates().results().stream().map(GateResult::gate).toList());
    }

    /**
     * The window in a result's details ({@code monitor}), read back into its record (unknown fields ignored; the
     * fields the first release did not write read as not measured: NaN, 0, empty or no picture).
     */
    public static MonitorReport report(JsonNode details) {
        try {
            JsonNode monitor = details.path("monitor");
            if (monitor.isObject()) {
                ObjectNode filled = ((ObjectNode) monitor).deepCopy();
                fillAbsent(filled, ADDED_AFTER_FIRST_RELEASE);
                filled.path("flaggedInputs").forEach(input -> {
                    if (input instanceof ObjectNode flagged) {
                        fillAbsent(flagged, Map.of("thumbnail", NullNode.getInstance()));
                    }
                });
                monitor = filled;
            }
            return Json.mapper().treeToValue(monitor, MonitorReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("monitor details are not a monitoring report: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static void fillAbsent(ObjectNode node, Map<String, JsonNode> defaults) {
        defaults.forEach((field, value) -> {
            if (!node.has(field)) {
                node.set(field, value);
            }
        });
    }

    /** Renders the detector values, the drift table, the class shares and the flagged clients. */
    @Override
    public DetailSection detailSection() {
        return CapabilitySection.of(this, MonitorHtml::render);
    }

    /**
     * E.g. {@code 1,000 records, 1 attacking client (10.1.2.3), largest feature drift PSI 0.03, embedding drift p
     * 0.4}: the build summary names up to {@value #CLIENTS_NAMED} flagged clients.
     */
    @Override
    public String headline(GateRunResult result) {
        JsonNode r = result.details().path("monitor");
        Map<String, Double> m = result.metrics();
        List<String> flagged = new ArrayList<>();
        r.path("flaggedClients").forEach(c -> flagged.add(c.path("client").asText()));
        String named = flagged.isEmpty() ? "" : " (" + String.join(", ", flagged.subList(0,
                Math.min(CLIENTS_NAMED, flagged.size()))) + (flagged.size() > CLIENTS_NAMED ? ", …" : "") + ")";
        return Units.count(r.path("records").asLong(), "record") + ", "
                + Units.count(m.getOrDefault(ATTACK_CLIENTS, 0.0).longValue(), "attacking client") + named
                + ", largest feature drift PSI " + Units.of(m.getOrDefault(INPUT_DRIFT_PSI, Double.NaN), "")
                + ", embedding drift p " + Units.of(m.getOrDefault(EMBEDDING_DRIFT_P, Double.NaN), "");
    }
}
