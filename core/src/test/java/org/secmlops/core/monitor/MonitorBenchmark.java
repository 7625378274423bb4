package org.secmlops.core.monitor;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;

/**
 * Throughput of the monitor's detectors (not a unit test; {@code docs/benchmarks.md}, "Monitoring") on synthetic
 * 784-value inputs (a 28×28 image's worth: smooth random blobs in 0..1) against a reference of 5,000 such inputs:
 * the stateless detectors (input drift, embedding sample, predictions, volume) per record without a model, the
 * stateful attack detector per query with N active clients, every detector of a request together (the above, the
 * attack detector and the adversarial-input distance score, one projection shared), and the parsing of JSON Lines
 * records.
 *
 * <pre>
 * java -cp CLASSPATH org.secmlops.core.monitor.MonitorBenchmark [RECORDS] [CLIENTS]
 * </pre>
 */
public final class MonitorBenchmark {
    private static final int WIDTH = 784;

    private MonitorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        float[][] pool = inputs(4_000, 3);
        long start = System.nanoTime();
        ReferenceStatistics reference = ReferenceBuilder.build(new Synthetic(inputs(5_000, 1)), Preprocessing.NONE,
                null, "benchmark", 64);
        System.out.printf(Locale.ROOT, "reference statistics: %.2f s%n", (System.nanoTime() - start) / 1e9);
        float[][] outputs = new float[pool.length][10];
        SplittableRandom random = new SplittableRandom(5);
        for (float[] o : outputs) {
            for (int c = 0; c < o.length; c++) {
                o[c] = (float) random.nextGaussian();
            }
        }
        for (int round = 0; round < 3; round++) {
            WindowMonitor stateless = new WindowMonitor(reference, null, null);
            start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                int p = i % pool.length;
                stateless.observeStateless(new TrafficRecord(i, "", "c" + (i % clients), pool[p], outputs[p], -1));
            }
            stateless.finish();
            double statelessSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            EmbeddingDrift embedding = new EmbeddingDrift(reference, new Embedding(reference));
            for (float[] x : pool) {
                embedding.add(x);
            }
            EmbeddingDrift.Result drift = embedding.result();
            double mmdSeconds = (System.nanoTime() - start) / 1e9;

            AttackDetector detector = new AttackDetector(new Embedding(reference), reference.attackThreshold(),
                    AttackDetector.MAX_CLIENTS);
            start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                detector.observe(new TrafficRecord(i, "", "c" + random.nextInt(clients), pool[i % pool.length], null,
                        -1));
            }
            double statefulSeconds = (System.nanoTime() - start) / 1e9;

            WindowMonitor all = new WindowMonitor(reference, new AttackDetector(new Embedding(reference),
                    reference.attackThreshold(), AttackDetector.MAX_CLIENTS),
                    new AdversarialInputs(reference, MonitorRequest.DEFAULT_ADVERSARIAL_FPR, false));
            start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                int p = i % pool.length;
                all.accept(new TrafficRecord(i, "", "c" + random.nextInt(clients), pool[p], outputs[p], -1),
                        Double.NaN);
            }
            all.finish();
            double allSeconds = (System.nanoTime() - start) / 1e9;

            String json = jsonLine(pool[1], outputs[1]);
            start = System.nanoTime();
            int parsed = Math.max(1, records / 4);
            for (int i = 0; i < parsed; i++) {
                TrafficLog.parse(json, i + 1, WIDTH);
            }
            double parseSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: stateless %,.0f records/s; MMD with %d permutations %.2f s (%d"
                    + " samples); stateful %,.0f queries/s with %d clients (%d tracked); every detector (stateless,"
                    + " stateful, adversarial distance) %,.0f records/s; parsing %,.0f records/s%n",
                    round, records / statelessSeconds, EmbeddingDrift.PERMUTATIONS, mmdSeconds, drift.samples(),
                    records / statefulSeconds, clients, detector.clients().size(), records / allSeconds,
                    parsed / parseSeconds);
        }
    }

    private static String jsonLine(float[] input, float[] output) {
        StringBuilder s = new StringBuilder("{\"timestamp\":\"2026-12-02T10:15:00Z\",\"client\":\"10.1.2.3\",\"input\":[");
        for (int j = 0; j < input.length; j++) {
            s.append(j == 0 ? "" : ",").append(input[j]);
        }
        s.append("],\"output\":[");
        for (int j = 0; j < output.length; j++) {
            s.append(j == 0 ? "" : ",").append(output[j]);
        }
        return s.append("],\"label\":3}").toString();
    }

    /** Smooth random 28×28 images: a few Gaussian blobs each, values 0..1. */
    static float[][] inputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = new float[n][WIDTH];
        for (float[] x : out) {
            for (int b = 0; b < 3; b++) {
                double cy = 4 + random.nextDouble() * 20;
                double cx = 4 + random.nextDouble() * 20;
                double s = 2 + random.nextDouble() * 3;
                for (int r = 0; r < 28; r++) {
                    for (int c = 0; c < 28; c++) {
                        double d = ((r - cy) * (r - cy) + (c - cx) * (c - cx)) / (2 * s * s);
                        x[r * 28 + c] = (float) Math.min(1, x[r * 28 + c] + Math.exp(-d));
                    }
                }
            }
        }
        return out;
    }

    /** The rows as a data source, label 0. */
    private static final class Synthetic implements SampleSource {
        private final float[][] rows;
        private int next;

        Synthetic(float[][] rows) {
            this.rows = rows;
        }

        @Override
        public String description() {
            return "synthetic blobs";
        }

        @Override
        public int[] sampleShape() {
            return new int[] {WIDTH};
        }

        @Override
        public boolean eightBit() {
            return false;
        }

        @Override
        public Batch next(int max) {
            if (next == rows.length) {
                return null;
            }
            int n = Math.min(max, rows.length - next);
            List<String> ids = java.util.stream.IntStream.range(next, next + n).mapToObj(i -> "#" + i).toList();
            float[][] x = java.util.Arrays.copyOfRange(rows, next, next + n);
            next += n;
            return new Batch(ids, x, new int[n]);
        }

        @Override
        public void close() {
        }
    }
}
