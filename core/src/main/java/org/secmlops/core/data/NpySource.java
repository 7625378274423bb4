package org.secmlops.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Samples from a NumPy array {@code [N, ...]} with labels from a 1-D integer array of length N. */
final class NpySource implements SampleSource {
    private final NpyArray features;
    private final NpyArray labels;
    private final int[] shape;
    private final int count;
    private final int sampleSize;
    private int index;

    private NpySource(NpyArray features, NpyArray labels) {
        this.features = features;
        this.labels = labels;
        this.shape = Arrays.copyOfRange(features.shape, 1, features.shape.length);
        this.count = features.shape[0];
        this.sampleSize = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    static NpySource open(Path featureFile, Path labelFile) throws DatasetException {
        if (labelFile == null) {
            throw new DatasetException("NumPy data " + featureFile + " needs a label file (--labels labels.npy)");
        }
        NpyArray x = NpyArray.open(featureFile);
        NpyArray y = null;
        try {
            y = NpyArray.open(labelFile);
            if (x.shape.length < 2 || x.shape[0] == 0) {
                throw new DatasetException(featureFile + " has shape " + Arrays.toString(x.shape)
                        + "; expected [samples, ...] with at least one sample");
            }
            Values.requireSampleSize(Arrays.copyOfRange(x.shape, 1, x.shape.length), featureFile.toString());
            if (y.shape.length != 1 || y.shape[0] != x.shape[0] || y.kind == 'f') {
                throw new DatasetException(labelFile + " must be a 1-D integer array of " + x.shape[0]
                        + " labels; it is " + y.kind + " of shape " + Arrays.toString(y.shape));
            }
            return new NpySource(x, y);
        } catch (DatasetException e) {
            try {
                x.close();
                if (y != null) {
                    y.close();
                }
            } catch (IOException ignored) {
                // nothing to add to the first error
            }
            throw e;
        }
    }

    @Override
    public String description() {
        return "NumPy " + features.file + " (" + count + " samples of shape " + Arrays.toString(shape) + ")";
    }

    @Override
    public int[] sampleShape() {
        return shape.clone();
    }

    @Override
    public boolean eightBit() {
        return features.unsignedBytes();
    }

    @Override
    public Batch next(int max) throws DatasetException {
        int n = Math.min(max, count - index);
        if (n <= 0) {
            return null;
        }
        List<String> ids = new ArrayList<>(n);
        float[][] rows = new float[n][sampleSize];
        int[] y = new int[n];
        try {
            for (int i = 0; i < n; i++, index++) {
                String where = features.file + " sample #" + index;
                for (int k = 0; k < sampleSize; k++) {
                    rows[i][k] = (float) features.next();
                    Values.requireFinite(rows[i][k], where + ", element " + k);
                }
                y[i] = Values.label(labels.next(), labels.file + " sample #" + index);
                ids.add("#" + index);
            }
        } catch (IOException e) {
            throw new DatasetException("Cannot read NumPy data: " + org.secmlops.core.io.InputFiles.message(e), e);
        }
        return new Batch(ids, rows, y);
    }

    @Override
    public void close() throws IOException {
        try {
            features.close();
        } finally {
            labels.close();
        }
    }
}
