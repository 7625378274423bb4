package org.secmlops.core.datacheck;

import java.util.List;

/**
 * The detectors' results on one data set.
 *
 * @param detectors          one result per detector, in a fixed order
 * @param embedding          what the neighbour and backdoor detectors ran on
 * @param probabilitySource  where the class probabilities came from
 * @param crossValidatedAccuracy accuracy of the out-of-sample probabilities against the given labels
 * @param duplicates         the duplicate groups found
 * @param learnerCache       the learners' probabilities per sample digest, or {@code null} (a model was given, or
 *                           no digests)
 * @param triggerGroups      the groups that share a trigger patch ({@link TriggerPatches}), flagged or not
 */
record Analysis(List<DetectorResult> detectors, String embedding, String probabilitySource,
        double crossValidatedAccuracy, Duplicates.Groups duplicates, LearnerCache learnerCache,
        List<TriggerPatches.Group> triggerGroups) {
}
