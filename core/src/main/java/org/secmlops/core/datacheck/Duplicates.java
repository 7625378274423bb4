package org.secmlops.core.datacheck;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.secmlops.core.model.Outputs;

/**
 * Exact duplicates (equal feature digests), near duplicates (nearest neighbour closer than {@code nearFactor} times
 * the median nearest-neighbour distance, confirmed on the scaled features) and conflicts (exact duplicates with
 * different labels). Every copy after the first of a group is flagged as a duplicate; every member of a conflicting
 * group is flagged, with the group's most common label as the suggestion.
 */
final class Duplicates {
    static final String ID = "duplicate";

    /** The groups found: each list holds sample indices in file order. */
    record Groups(List<int[]> exact, List<int[]> conflicts, List<int[]> near) {
    }

    private Duplicates() {
    }

    /** The distance between two samples on the common scale. */
    interface Distance {
        double between(int a, int b);
    }

    /**
     * @param featureDigests the samples' feature digests, {@link SampleDigests#LENGTH} bytes each, in one array
     * @param scaled         confirms near duplicates on the scaled features
     */
    static Groups groups(byte[] featureDigests, int[] labels, Distance scaled, Neighbours neighbours,
            double nearFactor) {
        List<int[]> exact = new ArrayList<>();
        List<int[]> conflicts = new ArrayList<>();
        int[] groupOf = new int[labels.length];
        java.util.Arrays.fill(groupOf, -1);
        for (List<Integer> group : equalDigests(featureDigests, labels.length)) {
            if (group.size() > 1) {
                int[] members = group.stream().mapToInt(Integer::intValue).sorted().toArray();
                for (int m : members) {
                    groupOf[m] = members[0];
                }
                exact.add(members);
                if (java.util.Arrays.stream(members).map(m -> labels[m]).distinct().count() > 1) {
                    conflicts.add(members);
                }
            }
        }
        exact.sort(java.util.Comparator.comparingInt(g -> g[0]));
        conflicts.sort(java.util.Comparator.comparingInt(g -> g[0]));
        List<int[]> near = new ArrayList<>();
        if (neighbours != null && neighbours.k() > 0) {
            double[] nearest = new double[labels.length];
            for (int i = 0; i < nearest.length; i++) {
                nearest[i] = neighbours.distance()[i][0];
            }
            double limit = nearFactor * Linear.median(nearest);
            for (int i = 0; i < labels.length; i++) {
                for (int r = 0; r < neighbours.k(); r++) {
                    int j = neighbours.index()[i][r];
                    if (neighbours.distance()[i][r] > limit * 1.5) {
                        break;
                    }
                    boolean sameExactGroup = groupOf[i] >= 0 && groupOf[i] == groupOf[j];
                    if (j < i && !sameExactGroup && scaled.between(i, j) <= limit) {
                        near.add(new int[] {j, i});
                        break;
                    }
                }
            }
        }
        return new Groups(exact, conflicts, near);
    }

    /**
     * The samples that share a digest, grouped. Only the first 8 bytes of every digest are held in a table; samples
     * are compared in full only where those agree, so memory stays at a few bytes per sample.
     */
    private static List<List<Integer>> equalDigests(byte[] digests, int n) {
        long[] prefix = new long[n];
        ByteBuffer all = ByteBuffer.wrap(digests);
        for (int i = 0; i < n; i++) {
            prefix[i] = all.getLong(i * SampleDigests.LENGTH);
        }
        long[] sorted = prefix.clone();
        java.util.Arrays.sort(sorted);
        Set<Long> repeated = new HashSet<>();
        for (int r = 1; r < n; r++) {
            if (sorted[r] == sorted[r - 1]) {
                repeated.add(sorted[r]);
            }
        }
        Map<ByteBuffer, List<Integer>> byDigest = new HashMap<>();
        for (int i = 0; i < n && !repeated.isEmpty(); i++) {
            if (repeated.contains(prefix[i])) {
                byDigest.computeIfAbsent(ByteBuffer.wrap(digests, i * SampleDigests.LENGTH, SampleDigests.LENGTH)
                        .slice(), key -> new ArrayList<>()).add(i);
            }
        }
        return new ArrayList<>(byDigest.values());
    }

    static DetectorResult detect(Groups groups, int[] labels, int classes, double nearFactor) {
        int n = labels.length;
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        int[] suggested = DetectorResult.none(n);
        for (int[] group : groups.exact()) {
            for (int r = 1; r < group.length; r++) {
                scores[group[r]] = 1;
                flagged[group[r]] = true;
            }
        }
        for (int[] pair : groups.near()) {
            scores[pair[1]] = Math.max(scores[pair[1]], 0.75);
            flagged[pair[1]] = true;
        }
        for (int[] group : groups.conflicts()) {
            int[] votes = new int[classes];
            for (int m : group) {
                votes[labels[m]]++;
            }
            int majority = Outputs.argmax(toFloat(votes));
            for (int m : group) {
                scores[m] = 1;
                flagged[m] = true;
                if (labels[m] != majority) {
                    suggested[m] = majority;
                }
            }
        }
        return new DetectorResult(ID, String.format(Locale.ROOT, "%d exact duplicate groups (SHA-256 of the feature"
                        + " values), %d with conflicting labels; %d near duplicates (closer than %.2f x the median"
                        + " nearest-neighbour distance)", groups.exact().size(), groups.conflicts().size(),
                groups.near().size(), nearFactor), scores, flagged, suggested);
    }

    private static float[] toFloat(int[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
