package org.secmlops.core.poison;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Detection quality and speed on planted problems (not a unit test; {@code docs/benchmarks.md}, "Data check"):
 * label flips at 5, 10 and 20% and a BadNets-style 3×3 corner trigger on 5% of one class relabelled to another,
 * on scikit-learn's digits and Fashion-MNIST; the time of every model-free detector on N Fashion-MNIST images.
 *
 * <pre>
 * java -cp CLASSPATH org.secmlops.core.poison.DataCheckBenchmark [digits] [fashion N] [fashion-trigger N]
 *     [scale N,N,...]
 * </pre>
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

    public static void main(String[] args) {
        java.util.List<String> a = Arrays.asList(args);
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
