package org.secmlops.core.datacheck;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.secmlops.testsupport.ExternalData;

/** Test data sets and planted problems whose answers the test knows. */
final class PlantedData {

    private PlantedData() {
    }

    /** scikit-learn's 8x8 digits (Debian python3-sklearn): 1797 samples, pixels 0..16 as read. */
    static DataTable digits() {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(ExternalData.digitsCsv())), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",");
                float[] row = new float[64];
                for (int i = 0; i < 64; i++) {
                    row[i] = Float.parseFloat(cells[i]);
                }
                rows.add(row);
                labels.add((int) Float.parseFloat(cells[64]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ExternalData.digitsCsv(), e);
        }
        return table("digits", rows.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray(),
                new int[] {64}, false);
    }

    /** Fashion-MNIST training images (Debian dataset-fashion-mnist), 60,000 × 28 × 28 pixels 0..255. */
    static DataTable fashion(int limit) {
        try (DataInputStream images = idx(ExternalData.fashionMnist().resolve("train-images-idx3-ubyte.gz"));
                DataInputStream labels = idx(ExternalData.fashionMnist().resolve("train-labels-idx1-ubyte.gz"))) {
            images.readInt();
            int n = Math.min(limit, images.readInt());
            images.readInt();
            images.readInt();
            labels.readInt();
            labels.readInt();
            float[][] x = new float[n][784];
            int[] y = new int[n];
            byte[] pixels = new byte[784];
            for (int i = 0; i < n; i++) {
                images.readFully(pixels);
                for (int j = 0; j < 784; j++) {
                    x[i][j] = pixels[j] & 0xff;
                }
                y[i] = labels.readUnsignedByte();
            }
            return table("fashion-mnist", x, y, new int[] {28, 28}, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ExternalData.fashionMnist(), e);
        }
    }

    private static DataInputStream idx(Path file) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    }

    static DataTable table(String name, float[][] x, int[] y, int[] shape, boolean eightBit) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            ids.add("#" + i);
        }
        return new DataTable(name, ids, x, y, shape, eightBit);
    }

    /** The indices of {@code fraction} of the samples, drawn without replacement. */
    static int[] choose(int n, double fraction, Random random) {
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(all, (int) Math.round(n * fraction));
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    /** A copy with the chosen samples relabelled to a uniformly drawn other class. */
    static DataTable flipLabels(DataTable data, int[] chosen, int classes, Random random) {
        int[] y = data.labels().clone();
        for (int i : chosen) {
            int other = random.nextInt(classes - 1);
            y[i] = other >= y[i] ? other + 1 : other;
        }
        return new DataTable(data.description(), data.ids(), data.features(), y, data.sampleShape(), data.eightBit());
    }

    /**
     * A copy in which the chosen samples get a bright {@code patch}×{@code patch} square in the bottom-right corner
     * of their {@code side}×{@code side} image and the label {@code target}.
     */
    static DataTable backdoor(DataTable data, int[] chosen, int side, int patch, float bright, int target) {
        float[][] x = new float[data.size()][];
        java.util.Arrays.setAll(x, data.features()::row);
        int[] y = data.labels().clone();
        for (int i : chosen) {
            for (int r = side - patch; r < side; r++) {
                for (int c = side - patch; c < side; c++) {
                    x[i][r * side + c] = bright;
                }
            }
            y[i] = target;
        }
        return new DataTable(data.description(), data.ids(), x, y, data.sampleShape(), data.eightBit());
    }

    /**
     * A BadNets trigger: a {@code size}×{@code size} patch whose top-left pixel is at ({@code row}, {@code column})
     * of a {@code side}×{@code side} image; every patch pixel is {@code bright}, or on a checkerboard every other
     * one is 0.
     */
    record Trigger(int side, int row, int column, int size, float bright, boolean checkerboard) {
        /** A patch of {@code size} in a randomly drawn corner, {@code margin} pixels or fewer from the edges. */
        static Trigger inCorner(int side, int size, int margin, float bright, boolean checkerboard, Random random) {
            int offsetRow = random.nextInt(margin + 1);
            int offsetColumn = random.nextInt(margin + 1);
            int row = random.nextBoolean() ? offsetRow : side - size - offsetRow;
            int column = random.nextBoolean() ? offsetColumn : side - size - offsetColumn;
            return new Trigger(side, row, column, size, bright, checkerboard);
        }

        void stamp(float[] image) {
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    image[(row + r) * side + column + c] = checkerboard && (r + c) % 2 == 1 ? 0 : bright;
                }
            }
        }
    }

    /** A copy in which the chosen samples carry the trigger and the label {@code target}. */
    static DataTable backdoor(DataTable data, int[] chosen, Trigger trigger, int target) {
        float[][] x = new float[data.size()][];
        java.util.Arrays.setAll(x, data.features()::row);
        int[] y = data.labels().clone();
        for (int i : chosen) {
            trigger.stamp(x[i]);
            y[i] = target;
        }
        return new DataTable(data.description(), data.ids(), x, y, data.sampleShape(), data.eightBit());
    }

    /** {@code count} samples drawn without replacement from the classes other than {@code target}. */
    static int[] outside(DataTable data, int target, int count, Random random) {
        int[] others = java.util.stream.IntStream.range(0, data.size()).filter(i -> data.labels()[i] != target)
                .toArray();
        int[] picked = choose(others.length, (double) count / others.length, random);
        return java.util.Arrays.stream(picked).map(i -> others[i]).toArray();
    }

    /** The samples of one class. */
    static int[] ofClass(DataTable data, int label) {
        return java.util.stream.IntStream.range(0, data.size()).filter(i -> data.labels()[i] == label).toArray();
    }
}
