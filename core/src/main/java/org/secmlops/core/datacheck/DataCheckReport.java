package org.secmlops.core.datacheck;

import java.util.List;
import java.util.Objects;

/**
 * What a data check found; serialized into {@code result.json} as {@code details.dataCheck}.
 *
 * @param data                   the data read
 * @param samples                samples read
 * @param features               values per sample
 * @param classes                one more than the largest label
 * @param embedding              the representation the neighbour and backdoor detectors used
 * @param probabilities          where the class probabilities came from
 * @param probabilityAccuracy    accuracy of those probabilities against the given labels
 * @param detectors              each detector: how it decided and how many samples it flagged
 * @param suspicious             samples flagged by at least one verdict detector
 * @param labelIssues            samples flagged by confident learning
 * @param backdoorSuspects       samples flagged by the backdoor consensus
 * @param duplicates             exact or near copies of an earlier sample, and members of conflicting groups
 * @param conflicts              groups of identical samples with different labels (ids, at most 100 groups)
 * @param suspects               the top suspects with their evidence (at most {@code maxSuspects})
 * @param flagged                every suspicious sample: id, label, suggestion, detectors (at most 10,000)
 * @param flaggedTruncated       whether {@code flagged} was cut
 * @param balance                samples per class
 * @param drift                  drift against the reference, or {@code null} without one
 * @param manifestDigest         the digest of this data's manifest
 * @param integrity              the comparison with the approved manifest, or {@code null} without one
 * @param backdoorGroups         the groups that share a trigger patch, with the trigger's evidence and suggested
 *                               labels (empty when none is found)
 */
public record DataCheckReport(String data, int samples, int features, int classes, String embedding,
        String probabilities, double probabilityAccuracy, List<DetectorSummary> detectors, int suspicious,
        int labelIssues, int backdoorSuspects, int duplicates, List<List<String>> conflicts, List<Suspect> suspects,
        List<FlaggedSample> flagged, boolean flaggedTruncated, ClassBalance balance, DriftReport drift,
        String manifestDigest, ManifestComparison integrity, List<BackdoorGroup> backdoorGroups) {
    /** How many flagged samples {@link #flagged} lists at most. */
    public static final int MAX_FLAGGED = 10_000;

    public DataCheckReport {
        Objects.requireNonNull(data, "data");
        detectors = List.copyOf(detectors);
        conflicts = conflicts.stream().map(List::copyOf).toList();
        suspects = List.copyOf(suspects);
        flagged = List.copyOf(flagged);
        backdoorGroups = backdoorGroups == null ? List.of() : List.copyOf(backdoorGroups);
    }

    /**
     * One detector's outcome.
     *
     * @param detector its id
     * @param method   how it decided
     * @param flagged  samples it flagged
     * @param verdict  whether its flags make a sample suspicious (else it is evidence only)
     * @param scores   the distribution of its scores, or {@code null} when it gave no finite score
     */
    public record DetectorSummary(String detector, String method, int flagged, boolean verdict,
            ScoreHistogram scores) {
    }

    /**
     * A suspicious sample, briefly.
     *
     * @param id             the sample id
     * @param label          the given label
     * @param suggestedLabel the suggested label, or -1
     * @param detectors      the detectors that flagged it
     */
    public record FlaggedSample(String id, int label, int suggestedLabel, List<String> detectors) {
        public FlaggedSample {
            detectors = List.copyOf(detectors);
        }
    }

    /** The share of suspicious samples. */
    public double suspiciousFraction() {
        return samples == 0 ? 0 : (double) suspicious / samples;
    }
}
