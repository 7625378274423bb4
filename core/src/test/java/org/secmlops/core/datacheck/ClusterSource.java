package org.secmlops.core.datacheck;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.SampleSource;

/**
 * Streams synthetic labelled rows without holding them: {@code classes} Gaussian clusters (unit noise around class
 * means drawn with standard deviation {@code spread}), every sample's class drawn at random, {@code flipRate} of the
 * labels flipped to another class, and every 50,000th sample an exact copy of the one before. The same seed gives
 * the same rows; {@link #flipped(int)} is the truth.
 */
final class ClusterSource implements SampleSource {
    private final int n;
    private final int width;
    private final int classes;
    private final double flipRate;
    private final float[][] means;
    private final boolean[] flipped;
    private final Random random;
    private float[] previous;
    private int next;

    ClusterSource(int n, int width, int classes, double spread, double flipRate, long seed) {
        this.n = n;
        this.width = width;
        this.classes = classes;
        this.flipRate = flipRate;
        this.flipped = new boolean[n];
        this.random = new Random(seed);
        this.means = new float[classes][width];
        for (float[] mean : means) {
            for (int j = 0; j < width; j++) {
                mean[j] = (float) (random.nextGaussian() * spread);
            }
        }
    }

    boolean flipped(int i) {
        return flipped[i];
    }

    @Override
    public String description() {
        return "synthetic clusters " + n + " x " + width;
    }

    @Override
    public int[] sampleShape() {
        return new int[] {width};
    }

    @Override
    public boolean eightBit() {
        return false;
    }

    @Override
    public Batch next(int max) {
        if (next == n) {
            return null;
        }
        int size = Math.min(max, n - next);
        List<String> ids = new ArrayList<>(size);
        float[][] x = new float[size][];
        int[] y = new int[size];
        for (int r = 0; r < size; r++, next++) {
            int c = random.nextInt(classes);
            float[] row = new float[width];
            if (next % 50_000 == 1 && previous != null) {
                row = previous.clone();
            } else {
                for (int j = 0; j < width; j++) {
                    row[j] = means[c][j] + (float) random.nextGaussian();
                }
            }
            if (random.nextDouble() < flipRate) {
                int other = random.nextInt(classes - 1);
                c = other >= c ? other + 1 : other;
                flipped[next] = true;
            }
            ids.add("#" + next);
            x[r] = row;
            y[r] = c;
            previous = row;
        }
        return new Batch(ids, x, y);
    }

    /** Writes all remaining rows as CSV with a header {@code f0,...,label}. */
    void writeCsv(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < width; j++) {
                header.append('f').append(j).append(',');
            }
            out.write(header.append("label\n").toString());
            for (Batch b = next(4096); b != null; b = next(4096)) {
                for (int r = 0; r < b.size(); r++) {
                    StringBuilder line = new StringBuilder();
                    for (float v : b.features()[r]) {
                        line.append(v).append(',');
                    }
                    out.write(line.append(b.labels()[r]).append('\n').toString());
                }
            }
        }
    }

    @Override
    public void close() {
    }
}
