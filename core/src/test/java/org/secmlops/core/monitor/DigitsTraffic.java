package org.secmlops.core.monitor;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.model.GradientFreeModel;
import org.secmlops.core.model.ModelTestAccess;

/**
 * The digits (Debian python3-sklearn) split for monitoring tests: 1,000 samples drawn at random (fixed seed) are the
 * approved reference, the other 797 are served (the file is ordered by writer, so a split by position would be a
 * real drift); the served model is the committed digits MLP computed in Java.
 */
final class DigitsTraffic {
    static final int REFERENCE = 1000;
    static final int ALL = 1797;
    private static final int[] ORDER = new SplittableRandom(1797).ints(0, ALL).distinct().limit(ALL).toArray();

    private DigitsTraffic() {
    }

    /** Writes the reference as a CSV with a header and a {@code label} column. */
    static DataSpec reference(Path dir) throws IOException {
        float[][] x = rows(0, REFERENCE);
        int[] y = labels(0, REFERENCE);
        Path file = dir.resolve("reference.csv");
        try (Writer out = Files.newBufferedWriter(file)) {
            for (int j = 0; j < 64; j++) {
                out.write("p" + j + ",");
            }
            out.write("label\n");
            for (int i = 0; i < x.length; i++) {
                for (float v : x[i]) {
                    out.write(v + ",");
                }
                out.write(y[i] + "\n");
            }
        }
        return DataSpec.of(file).withLabelColumn("label");
    }

    static float[][] served() {
        return rows(REFERENCE, ALL);
    }

    static int[] servedLabels() {
        return labels(REFERENCE, ALL);
    }

    private static float[][] rows(int from, int to) {
        float[][] all = ModelTestAccess.digits(0, ALL);
        float[][] out = new float[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = all[ORDER[i]];
        }
        return out;
    }

    private static int[] labels(int from, int to) {
        int[] all = ModelTestAccess.digitLabels(0, ALL);
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = all[ORDER[i]];
        }
        return out;
    }

    /**
     * Benign traffic: {@code clients} clients, each sending {@code perClient} distinct served digits (random,
     * fixed seed), interleaved at random, with the model's logits and the label.
     */
    static List<TrafficFile.Event> benign(int clients, int perClient, long seed) {
        float[][] x = served();
        int[] y = servedLabels();
        SplittableRandom random = new SplittableRandom(seed);
        List<List<TrafficFile.Event>> streams = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<TrafficFile.Event> stream = new ArrayList<>();
            for (int i : random.ints(0, x.length).distinct().limit(perClient).toArray()) {
                stream.add(new TrafficFile.Event("client-" + seed + "-" + c, x[i], ModelTestAccess.digitsMlpLogits(x[i]),
                        y[i]));
            }
            streams.add(stream);
        }
        return interleave(streams, seed);
    }

    /** The streams merged at random, each in its own order. */
    static List<TrafficFile.Event> interleave(List<List<TrafficFile.Event>> streams, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 1);
        int[] next = new int[streams.size()];
        int left = streams.stream().mapToInt(List::size).sum();
        List<TrafficFile.Event> out = new ArrayList<>(left);
        for (; left > 0; left--) {
            int pick = random.nextInt(left);
            int s = 0;
            while (pick >= streams.get(s).size() - next[s]) {
                pick -= streams.get(s).size() - next[s];
                s++;
            }
            out.add(streams.get(s).get(next[s]++));
        }
        return out;
    }

    /** The committed digits MLP in Java, handing every query it answers to a listener. */
    static final class ServedModel extends GradientFreeModel {
        interface Listener {
            void query(float[] input, float[] output);
        }

        private final Listener listener;

        ServedModel(Listener listener) {
            this.listener = listener;
        }

        @Override
        public float[][] predict(float[][] batch) {
            float[][] out = new float[batch.length][];
            for (int i = 0; i < batch.length; i++) {
                out[i] = ModelTestAccess.digitsMlpLogits(batch[i]);
                listener.query(batch[i].clone(), out[i]);
            }
            return out;
        }
    }
}
