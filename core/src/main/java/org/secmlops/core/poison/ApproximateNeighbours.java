package org.secmlops.core.poison;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Approximate k-nearest-neighbour search for large data sets, by an inverted file. k-means ({@value #ITERATIONS}
 * Lloyd rounds on {@value #SAMPLE_PER_CELL} evenly spaced samples per cell) splits the space into about √N cells;
 * the samples of each cell are then compared exactly, in blocks as in {@link NearestNeighbours}, with the samples of
 * the {@code probes} cells whose centres lie nearest to its own centre (itself included). The cost is about
 * N × probes × √N × d multiply-adds instead of N² × d; memory is the data, the cell lists and one cell's candidates
 * per thread. The distances returned are exact; a true neighbour is missed only when its cell is not probed.
 * Deterministic for a seed, whatever the thread count.
 */
final class ApproximateNeighbours {
    /** The cells searched per cell by default. */
    static final int PROBES = 16;
    private static final int SAMPLE_PER_CELL = 32;
    private static final int ITERATIONS = 10;
    private static final int QUERY_BLOCK = 32;
    private static final int CANDIDATE_BLOCK = 256;

    private ApproximateNeighbours() {
    }

    /** The number of cells for {@code n} samples: about √n. */
    static int cells(int n) {
        return Math.max(1, (int) Math.round(Math.sqrt(n)));
    }

    static Neighbours find(float[][] x, int k, int probes, long seed) {
        int n = x.length;
        if (k >= n) {
            throw new IllegalArgumentException("k = " + k + " needs more than " + k + " samples; there are " + n);
        }
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be at least 1, was " + probes);
        }
        float[][] centroids = kMeans(x, cells(n), seed);
        int cells = centroids.length;
        int[] cellOf = nearest(x, centroids);
        int[] start = new int[cells + 1];
        for (int c : cellOf) {
            start[c + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            start[c + 1] += start[c];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(start, cells);
        for (int i = 0; i < n; i++) {
            members[fill[cellOf[i]]++] = i;
        }
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            norms[i] = squaredNorm(x[i]);
        }
        int[][] index = new int[n][];
        float[][] distance = new float[n][];
        IntStream.range(0, cells).parallel().filter(c -> start[c + 1] > start[c]).forEach(c -> {
            int[] queries = Arrays.copyOfRange(members, start[c], start[c + 1]);
            int[] candidates = candidates(c, centroids, start, members, probes, k + 1);
            search(x, norms, queries, candidates, k, index, distance);
        });
        return new Neighbours(index, distance);
    }

    /**
     * The members of the cells nearest to cell {@code c}'s centre, ascending: {@code probes} non-empty cells, more
     * while they hold fewer than {@code atLeast} samples.
     */
    private static int[] candidates(int c, float[][] centroids, int[] start, int[] members, int probes,
            int atLeast) {
        int cells = centroids.length;
        long[] order = new long[cells];
        for (int o = 0; o < cells; o++) {
            float dist = o == c ? 0f : (float) Linear.squaredDistance(centroids[c], centroids[o]);
            order[o] = (long) Float.floatToIntBits(dist) << 32 | (o == c ? 0 : o + 1L);
        }
        Arrays.sort(order);
        int taken = 0;
        int count = 0;
        int[] chosen = new int[cells];
        for (int r = 0; r < cells && (taken < probes || count < atLeast); r++) {
            int o = (int) (order[r] & 0xffffffffL) - 1;
            o = o < 0 ? c : o;
            int size = start[o + 1] - start[o];
            if (size > 0) {
                chosen[taken++] = o;
                count += size;
            }
        }
        int[] out = new int[count];
        int at = 0;
        for (int t = 0; t < taken; t++) {
            int o = chosen[t];
            System.arraycopy(members, start[o], out, at, start[o + 1] - start[o]);
            at += start[o + 1] - start[o];
        }
        Arrays.sort(out);
        return out;
    }

    /** Exact k nearest among the candidates for every query, written to {@code index} and {@code distance}. */
    private static void search(float[][] x, float[] norms, int[] queries, int[] candidates, int k, int[][] index,
            float[][] distance) {
        int d = x[0].length;
        int blocks = (candidates.length + CANDIDATE_BLOCK - 1) / CANDIDATE_BLOCK;
        float[][][] transposed = new float[blocks][][];
        for (int b = 0; b < blocks; b++) {
            int from = b * CANDIDATE_BLOCK;
            int width = Math.min(CANDIDATE_BLOCK, candidates.length - from);
            float[][] t = new float[d][width];
            for (int c = 0; c < width; c++) {
                float[] row = x[candidates[from + c]];
                for (int j = 0; j < d; j++) {
                    t[j][c] = row[j];
                }
            }
            transposed[b] = t;
        }
        float[] dq = new float[CANDIDATE_BLOCK];
        for (int from = 0; from < queries.length; from += QUERY_BLOCK) {
            int rows = Math.min(QUERY_BLOCK, queries.length - from);
            float[][] best = new float[rows][k];
            int[][] bestIndex = new int[rows][k];
            for (int q = 0; q < rows; q++) {
                Arrays.fill(best[q], Float.POSITIVE_INFINITY);
                Arrays.fill(bestIndex[q], -1);
            }
            for (int b = 0; b < blocks; b++) {
                float[][] t = transposed[b];
                int width = t[0].length;
                int candidateFrom = b * CANDIDATE_BLOCK;
                for (int q = 0; q < rows; q++) {
                    int query = queries[from + q];
                    Arrays.fill(dq, 0, width, 0f);
                    float[] row = x[query];
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
                    float nq = norms[query];
                    float[] bq = best[q];
                    int[] iq = bestIndex[q];
                    float worst = bq[k - 1];
                    for (int c = 0; c < width; c++) {
                        int candidate = candidates[candidateFrom + c];
                        float dist = nq + norms[candidate] - 2 * dq[c];
                        if (dist < worst && candidate != query) {
                            NearestNeighbours.insert(bq, iq, Math.max(dist, 0f), candidate);
                            worst = bq[k - 1];
                        }
                    }
                }
            }
            for (int q = 0; q < rows; q++) {
                float[] dist = new float[k];
                for (int r = 0; r < k; r++) {
                    dist[r] = (float) Math.sqrt(best[q][r]);
                }
                index[queries[from + q]] = bestIndex[q];
                distance[queries[from + q]] = dist;
            }
        }
    }

    /** k-means centres, started at distinct random sample rows; a centre that loses all its rows stays put. */
    static float[][] kMeans(float[][] x, int cells, long seed) {
        int n = x.length;
        int m = (int) Math.min(n, (long) cells * SAMPLE_PER_CELL);
        float[][] sample = new float[m][];
        for (int r = 0; r < m; r++) {
            sample[r] = x[(int) ((long) r * n / m)];
        }
        int[] order = IntStream.range(0, m).toArray();
        Random random = new Random(seed);
        float[][] centroids = new float[cells][];
        for (int c = 0; c < cells; c++) {
            int j = c + random.nextInt(m - c);
            int t = order[c];
            order[c] = order[j];
            order[j] = t;
            centroids[c] = sample[order[c]].clone();
        }
        int d = x[0].length;
        for (int it = 0; it < ITERATIONS; it++) {
            int[] assigned = nearest(sample, centroids);
            double[][] sum = new double[cells][d];
            int[] count = new int[cells];
            for (int r = 0; r < m; r++) {
                double[] s = sum[assigned[r]];
                for (int j = 0; j < d; j++) {
                    s[j] += sample[r][j];
                }
                count[assigned[r]]++;
            }
            for (int c = 0; c < cells; c++) {
                for (int j = 0; j < d && count[c] > 0; j++) {
                    centroids[c][j] = (float) (sum[c][j] / count[c]);
                }
            }
        }
        return centroids;
    }

    /** The nearest centre of every row (ties: the lower centre). */
    static int[] nearest(float[][] x, float[][] centroids) {
        int cells = centroids.length;
        int d = centroids[0].length;
        float[][] t = new float[d][cells];
        float[] norms = new float[cells];
        for (int c = 0; c < cells; c++) {
            for (int j = 0; j < d; j++) {
                t[j][c] = centroids[c][j];
            }
            norms[c] = squaredNorm(centroids[c]);
        }
        int[] out = new int[x.length];
        int blocks = (x.length + CANDIDATE_BLOCK - 1) / CANDIDATE_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            float[] dots = new float[cells];
            for (int i = b * CANDIDATE_BLOCK; i < Math.min(x.length, (b + 1) * CANDIDATE_BLOCK); i++) {
                Arrays.fill(dots, 0f);
                float[] row = x[i];
                for (int j = 0; j < d; j++) {
                    float a = row[j];
                    float[] tj = t[j];
                    for (int c = 0; c < cells; c++) {
                        dots[c] += a * tj[c];
                    }
                }
                int best = 0;
                float bestDistance = Float.POSITIVE_INFINITY;
                for (int c = 0; c < cells; c++) {
                    float dist = norms[c] - 2 * dots[c];
                    if (dist < bestDistance) {
                        bestDistance = dist;
                        best = c;
                    }
                }
                out[i] = best;
            }
        });
        return out;
    }

    private static float squaredNorm(float[] row) {
        double s = 0;
        for (float v : row) {
            s += (double) v * v;
        }
        return (float) s;
    }
}
