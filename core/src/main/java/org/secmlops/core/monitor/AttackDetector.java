package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.secmlops.core.capability.monitor.FlaggedClient;

/**
 * Stateful detection of black-box attack campaigns (Chen, Carlini &amp; Wagner, "Stateful Detection of Black-Box
 * Adversarial Attacks", 2019). Per client, the PCA embeddings of its last {@value #BUFFER} queries are kept; each
 * new query's mean distance to its {@value #NEIGHBOURS} nearest buffered queries is compared with the threshold
 * calibrated on the reference ({@value #THRESHOLD_FACTOR} × the 1st percentile of the same distance for reference
 * samples against {@value #BUFFER} other reference samples). Query-based attacks (Square, SPSA, boundary attacks)
 * probe many near-identical inputs and fall far below it. A client with {@value #CLOSE_QUERIES_TO_FLAG} close
 * queries is flagged, and stays flagged while it is tracked. Queries without a client id are not tracked.
 *
 * <p>Memory is bounded: at most {@value #BUFFER} embeddings per client (the oldest overwritten) and at most
 * {@value #MAX_CLIENTS} clients (the least recently seen client is forgotten first, flagged or not).
 */
final class AttackDetector {
    static final int BUFFER = 100;
    static final int NEIGHBOURS = 10;
    static final int CLOSE_QUERIES_TO_FLAG = 3;
    static final int MAX_CLIENTS = 10_000;
    static final double THRESHOLD_FACTOR = 0.5;
    private static final double CALIBRATION_QUANTILE = 0.01;
    private static final int CALIBRATION_QUERIES = 2_000;

    private final Embedding embedding;
    private final double threshold;
    private final int maxClients;
    private final Map<String, ClientHistory> clients;

    AttackDetector(Embedding embedding, double threshold, int maxClients) {
        this.embedding = embedding;
        this.threshold = threshold;
        this.maxClients = maxClients;
        clients = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ClientHistory> eldest) {
                return size() > AttackDetector.this.maxClients;
            }
        };
    }

    double threshold() {
        return threshold;
    }

    /** The tracked clients, least recently seen first (the state file's order). */
    Map<String, ClientHistory> clients() {
        return clients;
    }

    int dimensions() {
        return embedding.dimensions();
    }

    /** Adds a restored client as the most recently seen. */
    void restore(String client, ClientHistory history) {
        clients.put(client, history);
    }

    /** Scores one query against its client's buffer; the client's history, or {@code null} for no client. */
    ClientHistory observe(TrafficRecord record) {
        return record.client().isEmpty() ? null : observe(record, embedding.project(record.input()));
    }

    /** As {@link #observe(TrafficRecord)} with the record's embedding already projected. */
    ClientHistory observe(TrafficRecord record, float[] query) {
        if (record.client().isEmpty()) {
            return null;
        }
        ClientHistory h = clients.get(record.client());
        if (h == null) {
            h = new ClientHistory(embedding.dimensions());
            clients.put(record.client(), h);
        }
        double distance = h.meanNearestDistance(query, NEIGHBOURS);
        h.queriesSeen++;
        h.queriesInWindow++;
        if (!Double.isNaN(distance)) {
            h.minDistance = Double.isNaN(h.minDistance) ? distance : Math.min(h.minDistance, distance);
            if (distance < threshold) {
                h.closeQueries++;
                if (!h.flagged() && h.closeQueries >= CLOSE_QUERIES_TO_FLAG) {
                    h.firstFlaggedQuery = h.queriesSeen;
                    h.flaggedAt = record.timestamp();
                    h.flaggedInWindow = true;
                }
            }
        }
        h.remember(query, BUFFER);
        return h;
    }

    /** The flagged clients that queried in this window, most queries first. */
    List<FlaggedClient> flagged() {
        List<FlaggedClient> out = new ArrayList<>();
        for (Map.Entry<String, ClientHistory> e : clients.entrySet()) {
            ClientHistory h = e.getValue();
            if (h.flagged() && h.queriesInWindow > 0) {
                out.add(new FlaggedClient(e.getKey(), h.queriesSeen, h.queriesInWindow, h.firstFlaggedQuery,
                        h.flaggedAt, h.flaggedInWindow, h.closeQueries, h.minDistance));
            }
        }
        out.sort(Comparator.comparingLong(FlaggedClient::queriesInWindow).reversed()
                .thenComparing(FlaggedClient::client));
        return out;
    }

    /**
     * The close-query threshold for reference embeddings: {@value #THRESHOLD_FACTOR} × the 1st percentile of the
     * mean distance of a random reference sample to its {@value #NEIGHBOURS} nearest among {@value #BUFFER} other
     * random reference samples (fewer where the reference is small).
     */
    static double calibrate(float[][] embedded, long seed) {
        int n = embedded.length;
        int buffer = Math.min(BUFFER, n - 1);
        int k = Math.min(NEIGHBOURS, buffer);
        SplittableRandom random = new SplittableRandom(seed);
        int queries = Math.min(CALIBRATION_QUERIES, n);
        double[] distances = new double[queries];
        for (int q = 0; q < queries; q++) {
            int i = random.nextInt(n);
            ClientHistory h = new ClientHistory(embedded[i].length);
            for (int b = 0; b < buffer; b++) {
                int j = random.nextInt(n - 1);
                h.remember(embedded[j >= i ? j + 1 : j], buffer);
            }
            distances[q] = h.meanNearestDistance(embedded[i], k);
        }
        Arrays.sort(distances);
        return THRESHOLD_FACTOR * distances[(int) Math.floor(CALIBRATION_QUANTILE * (queries - 1))];
    }
}
