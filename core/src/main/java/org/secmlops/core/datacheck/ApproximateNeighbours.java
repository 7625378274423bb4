package org.secmlops.core.datacheck;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Approximate k-nearest-neighbour search for large data sets, by an inverted file. k-means ({@value #ITERATIONS}
 * Lloyd rounds on {@value #SAMPLE_PER_CELL} evenly spaced samples per cell) splits the space into about √N cells;
 * every sample is then compared exactly with the members of the {@code probes} cells whose centres lie nearest to it.
 * The samples of one cell are searched together: every cell is stored transposed, and each cell that some of them
 * probe is multiplied with those samples, {@value #QUERY_BLOCK} at a time. The cost is about N × probes × √N × d
 * multiply-adds instead of N² × d; memory is the data, a transposed copy (N × d floats), the probe lists
 * (N × probes ints) and one cell's work per thread. The
 * distances returned are exact; a true neighbour is missed only when its cell is not probed. Deterministic for a
 * seed, whatever the thread count.
 */
final class ApproximateNeighbours {
    /** The cells searched per sample by default. */
    static final int PROBES = 8;
    private static final int SAMPLE_PER_CELL = 32;
    private static final int ITERATIONS = 10;
    private static final int QUERY_BLOCK = 8;

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
        Centres centres = new Centres(kMeans(x, cells(n), seed));
        int cells = centres.count();
        int p = Math.min(probes, cells);
        int[] nearest = new int[Math.multiplyExact(n, p)];
        IntStream.range(0, n).parallel().forEach(i -> System.arraycopy(centres.nearest(x[i], p), 0, nearest, i * p, p));
        int[] start = new int[cells + 1];
        for (int i = 0; i < n; i++) {
            start[nearest[i * p] + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            start[c + 1] += start[c];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(start, cells);
        for (int i = 0; i < n; i++) {
            members[fill[nearest[i * p]]++] = i;
        }
        float[][][] packed = pack(x, members, start);
        float[] norms = new float[n];
        for (int m = 0; m < n; m++) {
            norms[m] = squaredNorm(x[members[m]]);
        }
        int largest = IntStream.range(0, cells).map(c -> start[c + 1] - start[c]).max().orElse(0);
        int[][] index = new int[n][];
        float[][] distance = new float[n][];
        IntStream.range(0, cells).parallel().filter(c -> start[c + 1] > start[c]).forEach(c -> {
            int[] queries = Arrays.copyOfRange(members, start[c], start[c + 1]);
            float[][] best = new float[queries.length][k];
            int[][] bestIndex = new int[queries.length][k];
            for (int q = 0; q < queries.length; q++) {
                Arrays.fill(best[q], Float.POSITIVE_INFINITY);
                Arrays.fill(bestIndex[q], -1);
            }
            int[][] probing = probing(x, queries, nearest, p, centres, start, k + 1);
            float[][] dots = new float[QUERY_BLOCK][largest];
            for (int o = 0; o < cells; o++) {
                for (int from = 0; probing[o] != null && from < probing[o].length; from += QUERY_BLOCK) {
                    int[] block = Arrays.copyOfRange(probing[o], from, Math.min(probing[o].length,
                            from + QUERY_BLOCK));
                    search(x, queries, block, packed[o], norms, members, start, o, dots, best, bestIndex);
                }
            }
            for (int q = 0; q < queries.length; q++) {
                float[] dist = new float[k];
                for (int r = 0; r < k; r++) {
                    dist[r] = (float) Math.sqrt(best[q][r]);
                }
                index[queries[q]] = bestIndex[q];
                distance[queries[q]] = dist;
            }
        });
        return new Neighbours(index, distance);
    }

    /**
     * Per cell, the positions in {@code queries} of the queries that probe it ({@code null} for none): each query
     * probes its {@code p} nearest cells (listed in {@code nearest}), more while they hold fewer than
     * {@code atLeast} samples.
     */
    private static int[][] probing(float[][] x, int[] queries, int[] nearest, int p, Centres centres, int[] start,
            int atLeast) {
        int cells = centres.count();
        int[] count = new int[cells];
        int[][] chosen = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            int i = queries[q];
            chosen[q] = probes(Arrays.copyOfRange(nearest, i * p, i * p + p), start, atLeast);
            if (chosen[q] == null) {
                chosen[q] = probes(centres.nearest(x[i], cells), start, atLeast);
            }
            for (int o : chosen[q]) {
                count[o]++;
            }
        }
        int[][] out = new int[cells][];
        for (int q = 0; q < queries.length; q++) {
            for (int o : chosen[q]) {
                if (out[o] == null) {
                    out[o] = new int[count[o]];
                    count[o] = 0;
                }
                out[o][count[o]++] = q;
            }
        }
        return out;
    }

    /**
     * The non-empty cells of {@code order}, the whole list but beyond it only while they hold fewer than
     * {@code atLeast} samples; {@code null} when they hold too few and {@code order} does not list every cell.
     */
    private static int[] probes(int[] order, int[] start, int atLeast) {
        int taken = 0;
        int samples = 0;
        int[] out = new int[order.length];
        for (int o : order) {
            if (taken > 0 && samples >= atLeast && order.length == start.length - 1) {
                break;
            }
            int size = start[o + 1] - start[o];
            if (size > 0) {
                out[taken++] = o;
                samples += size;
            }
        }
        return samples >= atLeast || order.length == start.length - 1 ? Arrays.copyOf(out, taken) : null;
    }

    /**
     * Per cell, its members transposed (one array per feature, member after member), so that one query's products
     * with a whole cell are contiguous, vectorizable passes.
     */
    private static float[][][] pack(float[][] x, int[] members, int[] start) {
        int d = x[0].length;
        float[][][] packed = new float[start.length - 1][][];
        IntStream.range(0, start.length - 1).parallel().forEach(o -> {
            org.secmlops.core.run.Cancellation.check();
            int size = start[o + 1] - start[o];
            float[][] cell = new float[d][size];
            for (int m = 0; m < size; m++) {
                float[] row = x[members[start[o] + m]];
                for (int j = 0; j < d; j++) {
                    cell[j][m] = row[j];
                }
            }
            packed[o] = cell;
        });
        return packed;
    }

    /** Updates the k best of a block of queries with exact distances to the members of cell {@code o}. */
    private static void search(float[][] x, int[] queries, int[] block, float[][] cell, float[] norms,
            int[] members, int[] start, int o, float[][] dots, float[][] best, int[][] bestIndex) {
        int d = x[0].length;
        int size = start[o + 1] - start[o];
        for (int b = 0; b < block.length; b++) {
            Arrays.fill(dots[b], 0, size, 0f);
        }
        for (int j = 0; j < d; j++) {
            float[] feature = cell[j];
            for (int b = 0; b < block.length; b++) {
                float a = x[queries[block[b]]][j];
                if (a == 0f) {
                    continue;
                }
                float[] db = dots[b];
                for (int m = 0; m < size; m++) {
                    db[m] += a * feature[m];
                }
            }
        }
        for (int b = 0; b < block.length; b++) {
            int q = block[b];
            float[] bq = best[q];
            int[] iq = bestIndex[q];
            int k = bq.length;
            float nq = squaredNorm(x[queries[q]]);
            float worst = bq[k - 1];
            float[] db = dots[b];
            for (int m = 0; m < size; m++) {
                int candidate = members[start[o] + m];
                float dist = nq + norms[start[o] + m] - 2 * db[m];
                if (dist < worst && candidate != queries[q]) {
                    NearestNeighbours.insert(bq, iq, Math.max(dist, 0f), candidate);
                    worst = bq[k - 1];
                }
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
            org.secmlops.core.run.Cancellation.check();
            Centres centres = new Centres(centroids);
            int[] assigned = new int[m];
            IntStream.range(0, m).parallel().forEach(r -> assigned[r] = centres.nearest(sample[r], 1)[0]);
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

    /** The k-means centres, transposed so that one row's products with all of them vectorize. */
    private static final class Centres {
        private final float[][] transposed;
        private final float[] norms;

        Centres(float[][] centroids) {
            int d = centroids[0].length;
            transposed = new float[d][centroids.length];
            norms = new float[centroids.length];
            for (int c = 0; c < centroids.length; c++) {
                for (int j = 0; j < d; j++) {
                    transposed[j][c] = centroids[c][j];
                }
                norms[c] = squaredNorm(centroids[c]);
            }
        }

        int count() {
            return norms.length;
        }

        /** The {@code m} centres nearest to the row, nearest first (ties: the lower centre). */
        int[] nearest(float[] row, int m) {
            int cells = norms.length;
            float[] dots = new float[cells];
            for (int j = 0; j < transposed.length; j++) {
                float a = row[j];
                float[] tj = transposed[j];
                for (int c = 0; c < cells; c++) {
                    dots[c] += a * tj[c];
                }
            }
            if (m == 1) {
                int best = 0;
                for (int c = 1; c < cells; c++) {
                    if (norms[c] - 2 * dots[c] < norms[best] - 2 * dots[best]) {
                        best = c;
                    }
                }
                return new int[] {best};
            }
            int size = Math.min(m, cells);
            float[] best = new float[size];
            int[] out = new int[size];
            Arrays.fill(best, Float.POSITIVE_INFINITY);
            for (int c = 0; c < cells; c++) {
                float dist = norms[c] - 2 * dots[c];
                if (dist < best[size - 1]) {
                    NearestNeighbours.insert(best, out, dist, c);
                }
            }
            return out;
        }
    }

    private static float squaredNorm(float[] row) {
        double s = 0;
        for (float v : row) {
            s += (double) v * v;
        }
        return (float) s;
    }
}
