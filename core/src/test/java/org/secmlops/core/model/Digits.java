package org.secmlops.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.secmlops.testsupport.ExternalData;

/** scikit-learn's 8x8 digits (Debian python3-sklearn): 1797 samples, 64 pixels 0..16, labels 0..9. */
final class Digits {
    private static Digits loaded;

    final float[][] x;
    final int[] y;

    private Digits(float[][] x, int[] y) {
        this.x = x;
        this.y = y;
    }

    /** The digits, pixels scaled to 0..1. */
    static synchronized Digits load() {
        if (loaded == null) {
            List<float[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(ExternalData.digitsCsv())), StandardCharsets.US_ASCII))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] cells = line.split(",");
                    float[] row = new float[64];
                    for (int i = 0; i < 64; i++) {
                        row[i] = Float.parseFloat(cells[i]) / 16f;
                    }
                    rows.add(row);
                    labels.add((int) Float.parseFloat(cells[64]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + ExternalData.digitsCsv(), e);
            }
            loaded = new Digits(rows.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
        }
        return loaded;
    }

    float[][] rows(int from, int to) {
        float[][] out = new float[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = x[i].clone();
        }
        return out;
    }

    int[] labels(int from, int to) {
        return java.util.Arrays.copyOfRange(y, from, to);
    }
}
