package org.secmlops.core.datacheck;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sample that a detector flagged, with the evidence.
 *
 * @param index          0-based position in the data as read
 * @param id             the sample's stable id (row, {@code #N} or file path)
 * @param label          its given label
 * @param suggestedLabel the label the detectors suggest, or -1 for none
 * @param score          the combined suspicion score in [0, 1]
 * @param detectors      the detectors that flagged it
 * @param scores         every detector's score of it, by detector id
 * @param thumbnail      a {@code data:image/png;base64,...} picture of an image sample, or {@code null}
 */
public record Suspect(int index, String id, int label, int suggestedLabel, double score, List<String> detectors,
        Map<String, Double> scores, String thumbnail) {
    public Suspect {
        Objects.requireNonNull(id, "id");
        detectors = List.copyOf(detectors);
        scores = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(scores));
    }
}
