package org.secmlops.core.monitor;

import java.util.Arrays;

/**
 * One client's recent queries (a ring of at most {@link AttackDetector#BUFFER} embeddings, the oldest overwritten)
 * and what they showed so far.
 */
final class ClientHistory {
    final int dimensions;
    float[] ring;
    int size;
    int next;
    long queriesSeen;
    long closeQueries;
    long firstFlaggedQuery;
    String flaggedAt = "";
    double minDistance = Double.NaN;
    long queriesInWindow;
    boolean flaggedInWindow;
    /** Whether a live monitor has reported this client as flagged (not kept in the state file). */
    boolean alerted;

    ClientHistory(int dimensions) {
        this.dimensions = dimensions;
        ring = new float[0];
    }

    boolean flagged() {
        return firstFlaggedQuery > 0;
    }

    /** The mean distance of {@code query} to its {@code k} nearest buffered queries, NaN with fewer buffered. */
    double meanNearestDistance(float[] query, int k) {
        if (size < k) {
            return Double.NaN;
        }
        double[] nearest = new double[k];
        Arrays.fill(nearest, Double.MAX_VALUE);
        for (int q = 0; q < size; q++) {
            int offset = q * dimensions;
            double s = 0;
            for (int j = 0; j < dimensions; j++) {
                double t = query[j] - ring[offset + j];
                s += t * t;
            }
            if (s < nearest[k - 1]) {
                int i = k - 1;
                while (i > 0 && nearest[i - 1] > s) {
                    nearest[i] = nearest[i - 1];
                    i--;
                }
                nearest[i] = s;
            }
        }
        double sum = 0;
        for (double d : nearest) {
            sum += Math.sqrt(d);
        }
        return sum / k;
    }

    void remember(float[] query, int capacity) {
        if (size < capacity) {
            if (ring.length < (size + 1) * dimensions) {
                ring = Arrays.copyOf(ring, Math.min(capacity, Math.max(8, size * 2)) * dimensions);
            }
            System.arraycopy(query, 0, ring, size * dimensions, dimensions);
            size++;
            next = size % capacity;
        } else {
            System.arraycopy(query, 0, ring, next * dimensions, dimensions);
            next = (next + 1) % capacity;
        }
    }
}
