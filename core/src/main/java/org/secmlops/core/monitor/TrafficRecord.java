package org.secmlops.core.monitor;

/**
 * One valid record of a traffic log. The arrays belong to the record; nobody changes them after it is made.
 *
 * @param line      its 1-based line number in the log
 * @param timestamp its timestamp as logged, empty where it has none
 * @param client    the client's id as logged, empty where it has none
 * @param input     the model input, flat
 * @param output    the model's output (logits or probabilities), or {@code null} where it was not logged
 * @param label     the true class, or {@code -1} where it is not known
 */
public record TrafficRecord(long line, String timestamp, String client, float[] input, float[] output, int label) {
    /** This record with the output a model computed. */
    public TrafficRecord withOutput(float[] value) {
        return new TrafficRecord(line, timestamp, client, input, value, label);
    }
}
