package org.secmlops.core.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.secmlops.core.result.Json;

/**
 * What a live monitor ({@link FollowRun}) reports as soon as it decides a request: a client flagged as running a
 * black-box attack campaign, or a line that is not a valid record. Written as one JSON object per line
 * ({@link #jsonLine()}); see docs/monitoring.md for the format.
 *
 * @param kind         {@link #ATTACK_CLIENT}, {@link #ADVERSARIAL_INPUT} or {@link #BAD_RECORD}
 * @param time         when the monitor decided
 * @param request      the request's number since the monitor started following, from 1 (valid and bad lines)
 * @param line         its line number in the log (from 1, again after a rotation or truncation)
 * @param timestamp    the record's timestamp as logged, empty where it has none or the line is bad
 * @param client       the client's id, empty for a bad line
 * @param reason       why a line is bad, empty for a flagged client
 * @param queriesSeen  the client's queries seen so far (across windows through the state), 0 for a bad line
 * @param closeQueries the client's queries closer to earlier ones than the threshold, 0 for a bad line
 * @param distance     the client's smallest neighbour distance so far, or the input's embedding-distance score;
 *                     {@code NaN} for a bad line
 * @param threshold    the close-query threshold, or the embedding-distance threshold; {@code NaN} for a bad line
 * @param squeezeScore the input's feature-squeezing score, {@code NaN} without a model or for other kinds
 * @param squeezeThreshold the feature-squeezing threshold, {@code NaN} without a model or for other kinds
 */
public record MonitorAlert(String kind, Instant time, long request, long line, String timestamp, String client,
        String reason, long queriesSeen, long closeQueries, double distance, double threshold, double squeezeScore,
        double squeezeThreshold) {
    /** A client flagged as running a black-box attack campaign: one alert per client and monitor run. */
    public static final String ATTACK_CLIENT = "attack_client";
    /** A request whose input scored above an adversarial-input threshold: one alert per request. */
    public static final String ADVERSARIAL_INPUT = "adversarial_input";
    /** A line that is not a valid record. */
    public static final String BAD_RECORD = "bad_record";

    static MonitorAlert attackClient(long request, TrafficRecord record, ClientHistory history, double threshold) {
        return new MonitorAlert(ATTACK_CLIENT, Instant.now(), request, record.line(), record.timestamp(),
                record.client(), "", history.queriesSeen, history.closeQueries, history.minDistance, threshold,
                Double.NaN, Double.NaN);
    }

    static MonitorAlert adversarialInput(long request, TrafficRecord record, AdversarialInputs scores,
            double distance, double squeezeScore) {
        return new MonitorAlert(ADVERSARIAL_INPUT, Instant.now(), request, record.line(), record.timestamp(),
                record.client(), "", 0, 0, distance, scores.distanceThreshold(), squeezeScore,
                scores.squeezeThreshold());
    }

    static MonitorAlert badRecord(long request, long line, String reason) {
        return new MonitorAlert(BAD_RECORD, Instant.now(), request, line, "", "", reason, 0, 0, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
    }

    /** JSON has no NaN or infinity: a value that is not finite is written as null. */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    /** The alert as one line of JSON (no line break): only the fields of its kind. */
    public String jsonLine() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("alert", kind);
        node.put("time", time.toString());
        node.put("request", request);
        node.put("line", line);
        if (kind.equals(BAD_RECORD)) {
            node.put("reason", reason);
        } else if (kind.equals(ADVERSARIAL_INPUT)) {
            node.put("client", client);
            node.put("timestamp", timestamp);
            number(node, "distance_score", distance);
            number(node, "distance_threshold", threshold);
            if (!Double.isNaN(squeezeThreshold)) {
                number(node, "squeeze_score", squeezeScore);
                number(node, "squeeze_threshold", squeezeThreshold);
            }
        } else {
            node.put("client", client);
            node.put("timestamp", timestamp);
            node.put("queries_seen", queriesSeen);
            node.put("close_queries", closeQueries);
            number(node, "min_distance", distance);
            number(node, "threshold", threshold);
        }
        try {
            return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert cannot be written as JSON", e);
        }
    }
}
