package org.secmlops.core.datacheck;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact k-nearest-neighbour search by blocked matrix products: squared distances {@code |q|² + |c|² − 2 q·c} are
 * computed for a block of queries against a block of candidates at a time (the candidates transposed so that the
 * inner loop vectorizes), and each query keeps its {@code k} best. Memory is the data plus one block per thread;
 * no N×N matrix is ever held. Blocks of queries run in parallel; the result does not depend on the thread count.
 */
final class NearestNeighbours {
    private static final int QUERY_BLOCK = 32;
    private static final int CANDIDATE_BLOCK = 256;

    private NearestNeighbours() {
    }

    static Neighbours find(float[][] x, int k) {
        int n = x.length;
        int d = x[0].length;
        if (k >= n) {
            throw new IllegalArgumentException("k = " + k + " needs more than " + k + " samples; there are " + n);
        }
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (float v : x[i]) {
                s += (double) v * v;
            }
            norms[i] = (float) s;
        }
        int blocks = (n + CANDIDATE_BLOCK - 1) / CANDIDATE_BLOCK;
        float[][][] transposed = new float[blocks][][];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            org.secmlops.core.run.Cancellation.check();
            int from = b * CANDIDATE_BLOCK;
            int width = Math.min(CANDIDATE_BLOCK, n - from);
            float[][] t = new float[d][width];
            for (int c = 0; c < width; c++) {
                float[] row = x[from + c];
                for (int j = 0; j < d; j++) {
                    t[j][c] = row[j];
                }
            }
            transposed[b] = t;
        });
        int[][] index = new int[n][k];
        float[][] distance = new float[n][k];
        int queryBlocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream.range(0, queryBlocks).parallel().forEach(qb -> {
            org.secmlops.core.run.Cancellation.check();
            int from = qb * QUERY_BLOCK;
            int rows = Math.min(QUERY_BLOCK, n - from);
            float[][] dots = new float[rows][CANDIDATE_BLOCK];
            float[][] best = new float[rows][k];
            int[][] bestIndex = new int[rows][k];
            for (float[] b : best) {
                Arrays.fill(b, Float.POSITIVE_INFINITY);
            }
            for (int[] b : bestIndex) {
                Arrays.fill(b, -1);
            }
            for (int cb = 0; cb < blocks; cb++) {
                float[][] t = transposed[cb];
                int width = t[0].length;
                int candidateFrom = cb * CANDIDATE_BLOCK;
                for (int q = 0; q < rows; q++) {
                    float[] dq = dots[q];
                    Arrays.fill(dq, 0, width, 0f);
                    float[] row = x[from + q];
                    for (int j = 0; j < d; j++) {
                        float a = row[j];
                        if (a == 0f) {
                            continue;
                        }
                        float[] tj = t[j];
                        for (int c = 0; c < width; c++) {
                            dq[c] += a * tj[c];
                        }
                    }
                    float nq = norms[from + q];
                    float[] bq = best[q];
                    int[] iq = bestIndex[q];
                    float worst = bq[k - 1];
                    for (int c = 0; c < width; c++) {
                        float dist = nq + norms[candidateFrom + c] - 2 * dq[c];
                        if (dist < worst && candidateFrom + c != from + q) {
                            insert(bq, iq, Math.max(dist, 0f), candidateFrom + c);
                            worst = bq[k - 1];
                        }
                    }
                }
            }
            for (int q = 0; q < rows; q++) {
                index[from + q] = bestIndex[q];
                float[] dist = new float[k];
                for (int r = 0; r < k; r++) {
                    dist[r] = (float) Math.sqrt(best[q][r]);
                }
                distance[from + q] = dist;
            }
        });
        return new Neighbours(index, distance);
    }

    /** Inserts after any equal distance, so that lower indices (seen first) win ties. */
    static void insert(float[] best, int[] bestIndex, float dist, int candidate) {
        int pos = best.length - 1;
        while (pos > 0 && best[pos - 1] > dist) {
            best[pos] = best[pos - 1];
            bestIndex[pos] = bestIndex[pos - 1];
            pos--;
        }
        best[pos] = dist;
        bestIndex[pos] = candidate;
    }
}
