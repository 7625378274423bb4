package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.secmlops.core.capability.monitor.ClientVolume;
import org.secmlops.core.capability.monitor.DriftedFeature;
import org.secmlops.core.capability.monitor.FlaggedInput;
import org.secmlops.core.capability.monitor.MonitorReport;

/** Runs every detector over the records of one window, in the log's order, and reports what they found. */
final class WindowMonitor {
    static final int TOP_CLIENTS = 10;

    private final ReferenceStatistics reference;
    private final InputDrift inputDrift;
    private final EmbeddingDrift embeddingDrift;
    private final Predictions predictions;
    private final AttackDetector attacks;
    private final AdversarialInputs adversarial;
    private final AccuracyBaseline baseline;
    private final DetectorTimeline timeline = new DetectorTimeline();
    private final Embedding embedding;
    private final Map<String, long[]> volume = new HashMap<>();
    private long records;

    /** What the detectors decided about one request. */
    record Verdict(ClientHistory client, FlaggedInput flaggedInput) {
    }

    WindowMonitor(ReferenceStatistics reference, AttackDetector attacks, AdversarialInputs adversarial) {
        this(reference, attacks, adversarial, null);
    }

    /** @param baseline the accuracy and confidence baseline, or {@code null}: the reference's confidence */
    WindowMonitor(ReferenceStatistics reference, AttackDetector attacks, AdversarialInputs adversarial,
            AccuracyBaseline baseline) {
        this.reference = reference;
        this.baseline = baseline;
        this.adversarial = adversarial;
        embedding = new Embedding(reference);
        inputDrift = new InputDrift(reference);
        embeddingDrift = new EmbeddingDrift(reference, embedding);
        predictions = new Predictions(reference.classShares());
        this.attacks = attacks;
    }

    /** Stateless detectors only: drift of inputs, embedding and predictions, accuracy and volume. */
    void observeStateless(TrafficRecord record) {
        records++;
        inputDrift.add(record.input());
        embeddingDrift.add(record.input());
        if (record.output() != null) {
            predictions.add(record.output(), record.label());
        }
        if (!record.client().isEmpty()) {
            volume.computeIfAbsent(record.client(), c -> new long[1])[0]++;
        }
    }

    /** Finishes the counting held back for speed. */
    void finish() {
        inputDrift.flush();
    }

    /**
     * Runs every detector on one request.
     *
     * @param squeezeScore its feature-squeezing score, {@code NaN} without a model
     */
    Verdict accept(TrafficRecord record, double squeezeScore) {
        observeStateless(record);
        float[] embedded = embedding.project(record.input());
        Verdict verdict = new Verdict(attacks.observe(record, embedded),
                adversarial.observe(record, embedded, squeezeScore));
        timeline.add(verdict.flaggedInput() != null, verdict.client() != null && verdict.client().flagged());
        return verdict;
    }

    MonitorReport report(TrafficWindow window, long modelComputed) {
        List<DriftedFeature> features = inputDrift.features();
        EmbeddingDrift.Result embedding = embeddingDrift.result();
        List<ClientVolume> top = new ArrayList<>();
        volume.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_CLIENTS)
                .forEach(e -> top.add(new ClientVolume(e.getKey(), e.getValue()[0], (double) e.getValue()[0] / records)));
        double referenceConfidence = baseline != null && Double.isFinite(baseline.confidence())
                ? baseline.confidence() : reference.meanConfidence();
        return new MonitorReport(window.log(), reference.description(), window.lines(), window.records(),
                window.badRecords(), window.badExamples(), reference.width(),
                features.isEmpty() ? 0 : features.get(0).psi(), InputDrift.drifted(features),
                features.subList(0, Math.min(InputDrift.TOP, features.size())), embedding.mmd(), embedding.pValue(),
                embedding.samples(), predictions.predictions(), predictions.psi(), predictions.shares(),
                referenceConfidence, predictions.meanConfidence(), predictions.labelled(), predictions.accuracy(),
                volume.size(), attacks.threshold(), attacks.clients().size(), attacks.flagged(), top, modelComputed,
                adversarial.fpr(), adversarial.distanceThreshold(), adversarial.squeezeThreshold(),
                adversarial.flagged(), adversarial.examples(), baseline == null ? "" : baseline.source(),
                baseline == null ? Double.NaN : baseline.accuracy(), timeline.points());
    }
}
