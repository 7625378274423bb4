package org.secmlops.core.datacheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.secmlops.core.run.Cancellation;

/**
 * The trigger view of backdoor detection, for features with few distinct values (pixels, counts, categories): a
 * patch trigger (BadNets, Gu et al. 2017) sets a few features to fixed values in every poisoned sample, so within the
 * target class those values are shared by a group of samples, while elsewhere they are rare. It does not depend on
 * the share of the class the group holds (0.25% to over 50%), nor on a model.
 * <ol>
 * <li>Candidates: per feature, every value other than the feature's most common one (the background) that at least
 * {@link #minGroup} samples of class {@code c} hold, that is at least {@code enrichment} times rarer among the
 * other classes than within {@code c}, and that {@code c} holds too often to be chance ({@link #significant}); per
 * class the {@value #MAX_CANDIDATES} most enriched are kept (fewest
 * holders elsewhere per holder in the class), so that a small trigger group is not crowded out by the many common
 * values of a class with much texture.</li>
 * <li>Patches: per class, candidates whose samples overlap (Jaccard index at least 0.5) are joined into patches of at
 * least {@value #MIN_FEATURES} features (one pixel triggers are not looked for: single values shared by a group are
 * common in natural data); a patch's group are the samples of the class that hold more than half of its values.
 * The group must be at least {@link #minGroup} samples and the same values, held by more than half, at least
 * {@code enrichment} times rarer in the other classes, and the group too large to be chance.</li>
 * <li>Appearance: on every feature except the patch, each member is compared with the class centroids (the
 * target's without the group); a trigger's group was relabelled from other classes, so most of its members lie
 * nearest to another class. The group is flagged when at least {@value #FOREIGN} of them do; the nearest other
 * centroid is the suggested true label.</li>
 * </ol>
 */
final class TriggerPatches {
    static final String ID = "trigger-patch";
    static final double FOREIGN = 0.5;
    /** How much rarer a patch's values must be in the other classes than in its group's class. */
    static final double ENRICHMENT = 20;
    /** The fewest features a patch has: single values that a group shares are common in natural data. */
    static final int MIN_FEATURES = 2;
    /** The most candidate values kept per class (the most enriched). */
    static final int MAX_CANDIDATES = 64;
    /** The smallest group as a share of its class. */
    static final double MIN_SHARE = 0.0025;
    /**
     * The natural logarithm of the largest chance (Poisson tail) of a group as large as the one seen, at the rate of
     * the other classes, that is still taken for chance: e^-18.4 ≈ 10^-8. Without it, a few samples that happen to
     * share rare values (3 of 500 sharing three grey levels that none of 4,500 other samples holds, a chance of
     * 2 · 10^-4, among some 10^6 values tested) pass the enrichment test.
     */
    static final double LOG_CHANCE = Math.log(1e-8);

    private TriggerPatches() {
    }

    /**
     * The smallest trigger group: 3 samples and {@value #MIN_SHARE} of the class, half of the smallest cluster that
     * {@link ActivationClustering} considers, so that a trigger on 0.5% of a class is found with room to spare; the
     * rarity and appearance tests, not the size, keep natural groups out.
     */
    static int minGroup(int classSize) {
        return Math.max(3, (int) Math.ceil(MIN_SHARE * classSize));
    }

    /**
     * A group that shares a patch of values.
     *
     * @param target       the class it is labelled as
     * @param members      its samples
     * @param features     the patch's features
     * @param values       their values
     * @param classShare   its share of the target class
     * @param outsideShare the share of the other classes' samples that hold the patch
     * @param foreignShare the share of its members nearest to another class's centroid
     * @param suggested    per member, the nearest other class
     * @param difference   per feature, the group's mean minus the rest of the class's mean
     * @param flagged      whether the group passed every test
     * @param occlusion    how the model's predictions change when the patch is occluded; {@code null} when no model
     *                     could be run again
     */
    record Group(int target, int[] members, int[] features, float[] values, double classShare, double outsideShare,
            double foreignShare, int[] suggested, double[] difference, boolean flagged, Occlusion.Outcome occlusion) {
        Group withOcclusion(Occlusion.Outcome outcome) {
            return new Group(target, members, features, values, classShare, outsideShare, foreignShare, suggested,
                    difference, flagged, outcome);
        }
    }

    /** The detector's verdict and the groups behind it. */
    record Found(DetectorResult result, List<Group> groups) {
    }

    private record Candidate(int feature, int bits, int target) {
    }

    static Found detect(DataTable data, FeatureScaling scaling, double enrichment) {
        FeatureMatrix x = data.features();
        int[] labels = data.labels();
        int classes = data.classes();
        int n = labels.length;
        int[] classSize = new int[classes];
        for (int label : labels) {
            classSize[label]++;
        }
        List<List<Candidate>> candidates = candidates(ValueCounts.of(x, labels, classes), x.width(), classSize, n,
                enrichment);
        List<Group> groups = new ArrayList<>();
        ClassSums sums = null;
        for (int c = 0; c < classes; c++) {
            for (List<Candidate> patch : patches(x, labels, c, candidates.get(c))) {
                if (patch.size() < MIN_FEATURES) {
                    continue;
                }
                sums = sums != null ? sums : ClassSums.of(x, labels, classes, scaling);
                Group g = group(x, labels, scaling, sums, c, patch, enrichment);
                if (g != null) {
                    groups.add(g);
                }
            }
        }
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        int[] suggested = DetectorResult.none(n);
        StringBuilder found = new StringBuilder();
        for (Group g : groups) {
            double score = (1 - g.outsideShare() / g.classShare()) * (g.flagged() ? 1 : 0.5 * g.foreignShare());
            for (int r = 0; r < g.members().length; r++) {
                int i = g.members()[r];
                scores[i] = Math.max(scores[i], ConfidentLearning.clamp(score));
                flagged[i] |= g.flagged();
                if (g.flagged()) {
                    suggested[i] = g.suggested()[r];
                }
            }
            if (g.flagged()) {
                found.append(found.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "class %d (%d samples, %.1f%%, %d features)", g.target(), g.members().length,
                        100 * g.classShare(), g.features().length));
            }
        }
        return new Found(new DetectorResult(ID, String.format(Locale.ROOT, "per class, groups that share values of"
                + " features with at most %d distinct values, at least %.0fx rarer in the other classes, whose"
                + " members lie nearest to another class's centroid (at least %.0f%%); flagged: %s",
                ValueCounts.MAX_DISTINCT, enrichment, 100 * FOREIGN, found.length() == 0 ? "none" : found), scores,
                flagged, suggested), List.copyOf(groups));
    }

    private static List<List<Candidate>> candidates(ValueCounts counts, int width, int[] classSize, int n,
            double enrichment) {
        int classes = classSize.length;
        List<List<Candidate>> out = new ArrayList<>();
        List<List<int[]>> ranked = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            ranked.add(new ArrayList<>());
        }
        for (int j = 0; j < width; j++) {
            if (!counts.counted(j)) {
                continue;
            }
            int[] values = counts.values(j);
            int[][] perClass = new int[values.length][classes];
            int background = 0;
            int backgroundTotal = -1;
            for (int v = 0; v < values.length; v++) {
                int total = 0;
                for (int c = 0; c < classes; c++) {
                    perClass[v][c] = counts.count(j, values[v], c);
                    total += perClass[v][c];
                }
                if (total > backgroundTotal) {
                    backgroundTotal = total;
                    background = v;
                }
            }
            for (int v = 0; v < values.length; v++) {
                if (v == background) {
                    continue;
                }
                int total = Arrays.stream(perClass[v]).sum();
                for (int c = 0; c < classes; c++) {
                    int within = perClass[v][c];
                    if (within >= minGroup(classSize[c])
                            && enriched(within, classSize[c], total - within, n - classSize[c], enrichment)
                            && significant(within, classSize[c], total - within, n - classSize[c])) {
                        ranked.get(c).add(new int[] {j, values[v], within, total - within});
                    }
                }
            }
        }
        for (int c = 0; c < classes; c++) {
            final int target = c;
            out.add(ranked.get(c).stream().sorted(TriggerPatches::moreEnrichedFirst).limit(MAX_CANDIDATES)
                    .map(a -> new Candidate(a[0], a[1], target)).toList());
        }
        return out;
    }

    /** Fewer holders in the other classes per holder in the class first, then more holders, then by feature. */
    private static int moreEnrichedFirst(int[] a, int[] b) {
        int byRatio = Long.compare((long) b[2] * (a[3] + 1), (long) a[2] * (b[3] + 1));
        if (byRatio != 0) {
            return byRatio;
        }
        return b[2] != a[2] ? Integer.compare(b[2], a[2]) : Integer.compare(a[0], b[0]);
    }

    /**
     * Whether {@code within} holders among {@code classSize} are too many to be chance at the other classes' rate
     * ({@code outside} of {@code others}, plus one so that a value no other sample holds is not taken as impossible):
     * the Poisson tail P(X ≥ within), bounded from above, is below 10^-8 ({@link #LOG_CHANCE}).
     */
    static boolean significant(int within, int classSize, int outside, int others) {
        double lambda = (double) classSize * (outside + 1) / (others + 1);
        if (within <= lambda) {
            return false;
        }
        double logTail = within * Math.log(lambda) - lambda - logFactorial(within) - Math.log(1 - lambda / (within + 1));
        return logTail <= LOG_CHANCE;
    }

    static double logFactorial(int k) {
        if (k < 20) {
            double s = 0;
            for (int i = 2; i <= k; i++) {
                s += Math.log(i);
            }
            return s;
        }
        return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1.0 / (12.0 * k);
    }

    static boolean enriched(int within, int classSize, int outside, int others, double enrichment) {
        return others == 0 || (double) outside / others * enrichment <= (double) within / classSize;
    }

    /** Candidates of one class joined where their samples overlap. */
    private static List<List<Candidate>> patches(FeatureMatrix x, int[] labels, int c, List<Candidate> candidates) {
        int k = candidates.size();
        if (k == 0) {
            return List.of();
        }
        int[] size = new int[k];
        int[][] both = new int[k][k];
        float[] row = new float[x.width()];
        int[] held = new int[k];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != c) {
                continue;
            }
            x.copyRow(i, row);
            int h = 0;
            for (int a = 0; a < k; a++) {
                if (holds(row, candidates.get(a))) {
                    held[h++] = a;
                    size[a]++;
                }
            }
            for (int p = 0; p < h; p++) {
                for (int q = p + 1; q < h; q++) {
                    both[held[p]][held[q]]++;
                }
            }
        }
        int[] parent = new int[k];
        Arrays.setAll(parent, a -> a);
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                if (2 * both[a][b] >= size[a] + size[b] - both[a][b]) {
                    parent[root(parent, a)] = root(parent, b);
                }
            }
        }
        List<List<Candidate>> out = new ArrayList<>();
        int[] index = new int[k];
        Arrays.fill(index, -1);
        for (int a = 0; a < k; a++) {
            int r = root(parent, a);
            if (index[r] < 0) {
                index[r] = out.size();
                out.add(new ArrayList<>());
            }
            out.get(index[r]).add(candidates.get(a));
        }
        return out;
    }

    private static int root(int[] parent, int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }

    private static boolean holds(float[] row, Candidate candidate) {
        return Float.floatToIntBits(row[candidate.feature()] + 0f) == candidate.bits();
    }

    /** Per class, the sums of the raw and of the scaled rows, and the class sizes. */
    private record ClassSums(double[][] raw, double[][] scaled, int[] size) {
        static ClassSums of(FeatureMatrix x, int[] labels, int classes, FeatureScaling scaling) {
            int d = x.width();
            double[][] raw = new double[classes][d];
            double[][] scaled = new double[classes][d];
            int[] size = new int[classes];
            float[] row = new float[d];
            float[] s = new float[d];
            for (int i = 0; i < labels.length; i++) {
                if ((i & 1023) == 0) {
                    Cancellation.check();
                }
                x.copyRow(i, row);
                scaling.apply(row, s);
                add(raw[labels[i]], row);
                add(scaled[labels[i]], s);
                size[labels[i]]++;
            }
            return new ClassSums(raw, scaled, size);
        }
    }

    /** The group of a patch with its tests, or {@code null} when it is too small. */
    private static Group group(FeatureMatrix x, int[] labels, FeatureScaling scaling, ClassSums sums, int c,
            List<Candidate> patch, double enrichment) {
        int[] classSize = sums.size();
        int classes = classSize.length;
        int n = labels.length;
        int d = x.width();
        int needed = patch.size() / 2 + 1;
        boolean[] inPatch = new boolean[d];
        for (Candidate candidate : patch) {
            inPatch[candidate.feature()] = true;
        }
        int[] members = new int[classSize[c]];
        int groupSize = 0;
        int outside = 0;
        for (int i = 0; i < n; i++) {
            int h = 0;
            for (Candidate candidate : patch) {
                if (Float.floatToIntBits(x.value(i, candidate.feature()) + 0f) == candidate.bits()) {
                    h++;
                }
            }
            if (h >= needed) {
                if (labels[i] == c) {
                    members[groupSize++] = i;
                } else {
                    outside++;
                }
            }
        }
        if (groupSize < minGroup(classSize[c])) {
            return null;
        }
        members = Arrays.copyOf(members, groupSize);
        double classShare = (double) groupSize / classSize[c];
        double outsideShare = n == classSize[c] ? 0 : (double) outside / (n - classSize[c]);
        boolean rare = enriched(groupSize, classSize[c], outside, n - classSize[c], enrichment)
                && significant(groupSize, classSize[c], outside, n - classSize[c]);
        float[][] scaled = new float[groupSize][d];
        double[] groupRaw = new double[d];
        double[] groupScaled = new double[d];
        float[] row = new float[d];
        for (int m = 0; m < groupSize; m++) {
            x.copyRow(members[m], row);
            scaling.apply(row, scaled[m]);
            add(groupRaw, row);
            add(groupScaled, scaled[m]);
        }
        int rest = classSize[c] - groupSize;
        double[][] centroids = new double[classes][d];
        for (int k = 0; k < classes; k++) {
            int count = k == c ? rest : classSize[k];
            for (int j = 0; j < d; j++) {
                double sum = sums.scaled()[k][j] - (k == c ? groupScaled[j] : 0);
                centroids[k][j] = count == 0 ? Double.NaN : sum / count;
            }
        }
        int[] suggested = new int[groupSize];
        int foreign = 0;
        for (int m = 0; m < groupSize; m++) {
            Cancellation.check();
            double own = distance(scaled[m], centroids[c], inPatch);
            double best = Double.POSITIVE_INFINITY;
            int nearest = -1;
            for (int k = 0; k < classes; k++) {
                double dist = k == c ? Double.POSITIVE_INFINITY : distance(scaled[m], centroids[k], inPatch);
                if (dist < best) {
                    best = dist;
                    nearest = k;
                }
            }
            foreign += best < own ? 1 : 0;
            suggested[m] = nearest;
        }
        double foreignShare = (double) foreign / groupSize;
        double[] difference = new double[d];
        for (int j = 0; j < d; j++) {
            difference[j] = groupRaw[j] / groupSize - (rest == 0 ? 0 : (sums.raw()[c][j] - groupRaw[j]) / rest);
        }
        int[] features = patch.stream().mapToInt(Candidate::feature).toArray();
        float[] values = new float[patch.size()];
        for (int p = 0; p < values.length; p++) {
            values[p] = Float.intBitsToFloat(patch.get(p).bits());
        }
        return new Group(c, members, features, values, classShare, outsideShare, foreignShare, suggested, difference,
                rare && foreignShare >= FOREIGN, null);
    }

    private static void add(double[] sum, float[] row) {
        for (int j = 0; j < row.length; j++) {
            sum[j] += row[j];
        }
    }

    /** Squared distance over the features outside the patch; infinite to a class without samples. */
    private static double distance(float[] row, double[] centroid, boolean[] inPatch) {
        double s = 0;
        for (int j = 0; j < row.length; j++) {
            if (!inPatch[j]) {
                double v = row[j] - centroid[j];
                s += v * v;
            }
        }
        return Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
    }
}
