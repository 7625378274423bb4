package org.secmlops.core.datacheck;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Detection quality and speed on planted problems (not a unit test; {@code docs/benchmarks.md}, "Data check"):
 * label flips at 5, 10 and 20% and a BadNets-style 3×3 corner trigger on 5% of one class relabelled to another,
 * on scikit-learn's digits and Fashion-MNIST; the time of every model-free detector on N Fashion-MNIST images.
 *
 * <pre>
 * java -cp CLASSPATH org.secmlops.core.datacheck.DataCheckBenchmark [digits] [fashion N] [fashion-trigger N]
 *     [scale N,N,...]
 * java -Xmx1g -cp CLASSPATH org.secmlops.core.datacheck.DataCheckBenchmark stream N   # whole check, streamed
 * java -cp CLASSPATH org.secmlops.core.datacheck.DataCheckBenchmark recall N           # approximate kNN recall
 * java -cp CLASSPATH org.secmlops.core.datacheck.DataCheckBenchmark csv N FILE         # the same rows as CSV
 * </pre>
 *
 * {@code stream}, {@code recall} and {@code csv} use {@link ClusterSource}: N × 128 rows, 10 Gaussian classes, 5%
 * label flips; {@code stream} reads them as {@code secmlops data-check} does, runs the whole check (manifest
 * included) and writes the per-sample scores, then prints the time of every stage, the largest heap in use after a
 * garbage collection (the live data), the sum of the JMX heap pool peaks (an upper bound) and the peak resident set
 * (VmHWM, which counts the mapped feature pages too).
 *
 * {@code -Drates=0.1} limits the Fashion-MNIST flip rates, {@code -Ddims=64} changes the embedding's dimensions,
 * {@code -Dtrigger=7,7,0} sets the trigger's seed, source and target class on Fashion-MNIST, {@code -Dverbose=1}
 * prints each detector's method and thresholds.
 */
public final class DataCheckBenchmark {
    /** The defaults; {@code -Ddims=N} changes the embedding's dimensions. */
    private static final DataCheckOptions OPTIONS = DataCheckOptions.defaults()
            .withEmbeddingDims(Integer.getInteger("dims", DataCheckOptions.defaults().embeddingDims()));

    private DataCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        java.util.List<String> a = Arrays.asList(args);
        if (a.size() >= 2 && a.get(0).equals("stream")) {
            stream(Integer.parseInt(a.get(1)));
            return;
        }
        if (a.size() >= 2 && a.get(0).equals("recall")) {
            recall(Integer.parseInt(a.get(1)), Arrays.stream(a.size() > 2 ? a.get(2).split(",")
                    : new String[] {String.valueOf(ApproximateNeighbours.PROBES)}).mapToInt(Integer::parseInt).toArray());
            return;
        }
        if (a.size() >= 3 && a.get(0).equals("csv")) {
            clusters(Integer.parseInt(a.get(1))).writeCsv(java.nio.file.Path.of(a.get(2)));
            return;
        }
        if (a.isEmpty() || a.contains("digits")) {
            DataTable digits = PlantedData.digits();
            for (double rate : new double[] {0.05, 0.10, 0.20}) {
                flips("digits", digits, rate);
            }
            backdoor("digits", digits, 8, 16f, 7, 7, 0);
        }
        int f = a.indexOf("fashion");
        if (f >= 0) {
            DataTable fashion = PlantedData.fashion(Integer.parseInt(a.get(f + 1)));
            for (String rate : System.getProperty("rates", "0.05,0.10,0.20").split(",")) {
                flips("fashion-mnist " + fashion.size(), fashion, Double.parseDouble(rate));
            }
            fashionBackdoor(fashion);
        }
        int t = a.indexOf("fashion-trigger");
        if (t >= 0) {
            DataTable fashion = PlantedData.fashion(Integer.parseInt(a.get(t + 1)));
            fashionBackdoor(fashion);
        }
        int s = a.indexOf("scale");
        if (s >= 0) {
            for (String size : a.get(s + 1).split(",")) {
                DataTable fashion = PlantedData.fashion(Integer.parseInt(size));
                long start = System.nanoTime();
                Detectors.run(fashion, null, OPTIONS, line -> System.out.println("  " + line));
                System.out.printf(Locale.ROOT, "scale N=%d: all model-free detectors %.1f s%n", fashion.size(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void fashionBackdoor(DataTable fashion) {
        int[] t = Arrays.stream(System.getProperty("trigger", "7,7,0").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        backdoor("fashion-mnist " + fashion.size(), fashion, 28, 255f, t[0], t[1], t[2]);
    }

    private static ClusterSource clusters(int n) {
        return new ClusterSource(n, 128, 10, 0.4, 0.05, 42);
    }

    private static void stream(int n) throws Exception {
        long[] live = new long[1];
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((note, handback) -> {
                var info = com.sun.management.GarbageCollectionNotificationInfo
                        .from((javax.management.openmbean.CompositeData) note.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                synchronized (live) {
                    live[0] = Math.max(live[0], used);
                }
            }, null, null);
        }
        long start = System.nanoTime();
        ClusterSource source = clusters(n);
        DataTable table = DataTableReader.read(source, 2);
        System.out.printf(Locale.ROOT, "stream N=%d: generated and read in %.1f s (features %s the heap)%n", n,
                (System.nanoTime() - start) / 1e9, table.features().offHeap() ? "off" : "on");
        long check = System.nanoTime();
        long[] last = {check};
        DataCheckResult result = new DataCheck(OPTIONS, line -> {
            long now = System.nanoTime();
            System.out.printf(Locale.ROOT, "  [+%.1f s] %s%n", (now - last[0]) / 1e9, line);
            last[0] = now;
        }).run(table, null, null, null);
        System.out.printf(Locale.ROOT, "  check (detectors, verdicts, manifest, report) %.1f s%n",
                (System.nanoTime() - check) / 1e9);
        long write = System.nanoTime();
        // a fresh folder: SampleScores refuses to overwrite a file it did not write, such as an empty temporary file
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("scores");
        java.nio.file.Path scores = folder.resolve("sample-scores.csv");
        try {
            SampleScores.write(scores, table, result);
        } finally {
            java.nio.file.Files.deleteIfExists(scores);
            java.nio.file.Files.delete(folder);
        }
        System.out.printf(Locale.ROOT, "  per-sample scores CSV %.1f s%n", (System.nanoTime() - write) / 1e9);
        boolean[] truth = new boolean[n];
        for (int i = 0; i < n; i++) {
            truth[i] = source.flipped(i);
        }
        for (DetectorResult r : result.detectors()) {
            if (r.detector().equals(ConfidentLearning.ID) || r.detector().equals(KnnLabels.ID)) {
                print(r.detector(), r.flagged(), r.scores(), truth);
            }
        }
        synchronized (live) {
            System.out.printf(Locale.ROOT, "stream N=%d: total %.1f s, heap after GC peak %d MiB, heap pool peaks"
                            + " summed %d MiB (max heap %d MiB), VmHWM %s%n", n, (System.nanoTime() - start) / 1e9,
                    live[0] >> 20, heapPeak() >> 20, Runtime.getRuntime().maxMemory() >> 20, vmHwm());
        }
    }

    private static long heapPeak() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static String vmHwm() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
    }

    /**
     * Recall@k of the approximate neighbours against exact ones, on 1,000 evenly spaced queries, and the mean ratio
     * of the approximate to the exact mean neighbour distance (what the outlier detector reads).
     */
    private static void recall(int n, int[] probes) throws Exception {
        DataTable table = DataTableReader.read(clusters(n), 2);
        FeatureScaling scaling = FeatureScaling.of(table);
        float[][] x = Pca.fit(table.features(), scaling, OPTIONS.embeddingDims(), OPTIONS.seed())
                .project(table.features(), scaling);
        int k = OPTIONS.k();
        int queries = 1000;
        int[][] exact = new int[queries][];
        java.util.stream.IntStream.range(0, queries).parallel()
                .forEach(q -> exact[q] = ExactSearch.nearest(x, (int) ((long) q * n / queries), k));
        for (int p : probes) {
            long start = System.nanoTime();
            Neighbours approximate = ApproximateNeighbours.find(x, k, p, OPTIONS.seed());
            double seconds = (System.nanoTime() - start) / 1e9;
            double found = 0;
            double ratio = 0;
            for (int q = 0; q < queries; q++) {
                int i = (int) ((long) q * n / queries);
                java.util.Set<Integer> truth = new java.util.HashSet<>();
                double exactMean = 0;
                for (int j : exact[q]) {
                    truth.add(j);
                    exactMean += Math.sqrt(Linear.squaredDistance(x[i], x[j]));
                }
                double approximateMean = 0;
                for (int r = 0; r < k; r++) {
                    found += truth.contains(approximate.index()[i][r]) ? 1 : 0;
                    approximateMean += approximate.distance()[i][r];
                }
                ratio += exactMean == 0 ? 1 : approximateMean / exactMean;
            }
            System.out.printf(Locale.ROOT, "recall N=%d: approximate kNN (%d cells, %d probed) %.1f s, recall@%d %.3f,"
                            + " mean distance / exact %.4f%n", n, ApproximateNeighbours.cells(n), p, seconds, k,
                    found / queries / k, ratio / queries);
        }
    }

    private static void flips(String name, DataTable clean, double rate) {
        Random random = new Random(42);
        int[] chosen = PlantedData.choose(clean.size(), rate, random);
        DataTable noisy = PlantedData.flipLabels(clean, chosen, clean.classes(), random);
        boolean[] truth = truth(clean.size(), chosen);
        long start = System.nanoTime();
        Analysis analysis = Detectors.run(noisy, null, OPTIONS, line -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s, %.0f%% label flips (%d), CV accuracy %.3f, %.1f s%n", name, rate * 100,
                chosen.length, analysis.crossValidatedAccuracy(), seconds);
        for (DetectorResult r : analysis.detectors()) {
            print(r.detector(), r.flagged(), r.scores(), truth);
            if (System.getProperty("verbose") != null) {
                System.out.println("    " + r.method());
            }
        }
        print("label issues (union)", union(analysis, ConfidentLearning.ID, KnnLabels.ID),
                max(analysis, ConfidentLearning.ID, KnnLabels.ID), truth);
    }

    private static void backdoor(String name, DataTable clean, int side, float bright, long seed, int source,
            int target) {
        Random random = new Random(seed);
        int[] members = PlantedData.ofClass(clean, source);
        int[] picked = PlantedData.choose(members.length, 0.05, random);
        int[] chosen = Arrays.stream(picked).map(i -> members[i]).sorted().toArray();
        DataTable poisoned = PlantedData.backdoor(clean, chosen, side, 3, bright, target);
        boolean[] truth = truth(clean.size(), chosen);
        long start = System.nanoTime();
        Analysis analysis = Detectors.run(poisoned, null, OPTIONS, line -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s, 3x3 trigger on %d samples of class %d relabelled %d (seed %d),"
                + " %.1f s%n", name, chosen.length, source, target, seed, seconds);
        for (DetectorResult r : analysis.detectors()) {
            print(r.detector(), r.flagged(), r.scores(), truth);
            if (System.getProperty("verbose") != null) {
                System.out.println("    " + r.method());
            }
        }
        print("any detector", union(analysis, analysis.detectors().stream().map(DetectorResult::detector)
                .toArray(String[]::new)), max(analysis, ConfidentLearning.ID), truth);
    }

    private static boolean[] truth(int n, int[] chosen) {
        boolean[] t = new boolean[n];
        for (int i : chosen) {
            t[i] = true;
        }
        return t;
    }

    private static boolean[] union(Analysis analysis, String... ids) {
        boolean[] out = null;
        for (DetectorResult r : analysis.detectors()) {
            if (Arrays.asList(ids).contains(r.detector())) {
                if (out == null) {
                    out = new boolean[r.flagged().length];
                }
                for (int i = 0; i < out.length; i++) {
                    out[i] |= r.flagged()[i];
                }
            }
        }
        return out;
    }

    private static double[] max(Analysis analysis, String... ids) {
        double[] out = null;
        for (DetectorResult r : analysis.detectors()) {
            if (Arrays.asList(ids).contains(r.detector())) {
                if (out == null) {
                    out = new double[r.scores().length];
                }
                for (int i = 0; i < out.length; i++) {
                    out[i] = Math.max(out[i], r.scores()[i]);
                }
            }
        }
        return out;
    }

    private static void print(String name, boolean[] flagged, double[] scores, boolean[] truth) {
        int tp = 0;
        int fp = 0;
        int positives = 0;
        for (int i = 0; i < truth.length; i++) {
            positives += truth[i] ? 1 : 0;
            if (flagged[i]) {
                if (truth[i]) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        double recall = positives == 0 ? Double.NaN : (double) tp / positives;
        System.out.printf(Locale.ROOT, "  %-24s flagged %6d  precision %.3f  recall %.3f  ROC-AUC %.3f%n", name,
                tp + fp, precision, recall, rocAuc(scores, truth));
    }

    /** The Mann-Whitney estimate: the chance that a planted sample scores above a clean one (ties count half). */
    static double rocAuc(double[] scores, boolean[] truth) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(scores[x], scores[y]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int r = i; r <= j; r++) {
                if (truth[order[r]]) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
