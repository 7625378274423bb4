package org.secmlops.core.datacheck;

/**
 * The {@code k} nearest other samples of every sample, nearest first (ties: lower index first).
 *
 * @param index    {@code index[i][r]}: the sample index of the {@code r}-th neighbour of sample {@code i}
 * @param distance {@code distance[i][r]}: its Euclidean distance
 */
record Neighbours(int[][] index, float[][] distance) {
    int k() {
        return index.length == 0 ? 0 : index[0].length;
    }
}
