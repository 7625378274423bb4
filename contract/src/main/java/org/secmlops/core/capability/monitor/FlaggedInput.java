package org.secmlops.core.capability.monitor;

/**
 * A request whose input scored above an adversarial-input threshold.
 *
 * @param line          its line number in the log
 * @param client        the client's id, empty where it has none
 * @param timestamp     its timestamp as logged, empty where it has none
 * @param distanceScore its mean distance to the nearest reference samples on the PCA embedding
 * @param squeezeScore  its feature-squeezing score (largest L1 distance between the model's probabilities on the
 *                      input and on a squeezed copy), {@code NaN} without a model
 * @param thumbnail     a small picture of the input ({@code data:image/png;base64,...}) when the inputs are images
 *                      and it is among the first {@value MonitorReport#FLAGGED_INPUTS_PICTURED} flagged, else
 *                      {@code null} (absent from older results: {@link MonitorCapability#report})
 */
public record FlaggedInput(long line, String client, String timestamp, double distanceScore, double squeezeScore,
        String thumbnail) {
    /** A flagged input without a picture. */
    public FlaggedInput(long line, String client, String timestamp, double distanceScore, double squeezeScore) {
        this(line, client, timestamp, distanceScore, squeezeScore, null);
    }
}
