package org.secmlops.core.capability.monitor;

import java.util.List;

/**
 * What one monitoring window showed.
 *
 * @param traffic            the traffic log read
 * @param reference          what the reference is
 * @param lines              non-blank lines of the log
 * @param records            valid records
 * @param badRecords         lines refused
 * @param badExamples        the first refused lines (at most 20)
 * @param width              values per input
 * @param maxPsi             the largest per-feature PSI
 * @param driftedFeatures    features with PSI above 0.25
 * @param topFeatures        the most drifted features by PSI (at most 20)
 * @param embeddingMmd       squared maximum mean discrepancy between window and reference on the PCA embedding
 * @param embeddingPValue    its permutation p-value
 * @param embeddingSamples   window records in the MMD sample
 * @param predictions        records with an output (logged or computed by the model)
 * @param predictionPsi      PSI of the predicted-class shares, {@code NaN} without predictions
 * @param classShares        reference and window share per class
 * @param referenceConfidence the model's mean top probability on the reference, {@code NaN} without a model
 * @param confidence         the window's mean top probability, {@code NaN} without predictions
 * @param labelled           records with a label and a prediction
 * @param accuracy           share of them predicted right, {@code NaN} when none
 * @param clients            distinct clients in the window
 * @param attackThreshold    the neighbour distance below which a query counts as close
 * @param trackedClients     clients whose recent queries the state holds after the window
 * @param flaggedClients     clients flagged as running an attack campaign that queried in this window
 * @param topClients         the clients with the most queries in the window (at most 10)
 * @param modelComputed      records whose output the model computed
 * @param adversarialFpr     the false-positive rate the adversarial-input thresholds are calibrated to
 * @param distanceThreshold  the embedding distance above which an input is flagged
 * @param squeezeThreshold   the feature-squeezing score above which an input is flagged, {@code NaN} without a model
 * @param adversarialInputs  records flagged by either score
 * @param flaggedInputs      the first of them (at most 20)
 * @param baseline           the evaluateModel result whose accuracy and confidence are the baseline, empty for none
 *                           (then {@code referenceConfidence} is the model's on the reference)
 * @param baselineAccuracy   its accuracy, {@code NaN} without one
 * @param timeline           the detectors over the window's records, in order (at most 100 points)
 */
public record MonitorReport(String traffic, String reference, long lines, long records, long badRecords,
        List<BadRecord> badExamples, int width, double maxPsi, int driftedFeatures, List<DriftedFeature> topFeatures,
        double embeddingMmd, double embeddingPValue, int embeddingSamples, long predictions, double predictionPsi,
        List<ClassShare> classShares, double referenceConfidence, double confidence, long labelled, double accuracy,
        long clients, double attackThreshold, long trackedClients, List<FlaggedClient> flaggedClients,
        List<ClientVolume> topClients, long modelComputed, double adversarialFpr, double distanceThreshold,
        double squeezeThreshold, long adversarialInputs, List<FlaggedInput> flaggedInputs, String baseline,
        double baselineAccuracy, List<TimelinePoint> timeline) {
    /** The most flagged inputs a report lists. */
    public static final int FLAGGED_INPUTS_LISTED = 20;
    /** The most flagged inputs a report shows as pictures (image inputs only). */
    public static final int FLAGGED_INPUTS_PICTURED = 8;

    public MonitorReport {
        badExamples = List.copyOf(badExamples);
        topFeatures = List.copyOf(topFeatures);
        classShares = List.copyOf(classShares);
        flaggedClients = List.copyOf(flaggedClients);
        topClients = List.copyOf(topClients);
        flaggedInputs = flaggedInputs == null ? List.of() : List.copyOf(flaggedInputs);
        baseline = baseline == null ? "" : baseline;
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }
}
