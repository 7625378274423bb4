package org.secmlops.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An IDX image file (MNIST, Fashion-MNIST; unsigned bytes, optionally gzipped) with its IDX label file. The label
 * file defaults to the image file's name with {@code images-idx3} replaced by {@code labels-idx1}.
 */
final class IdxSource implements SampleSource {
    private static final int UBYTE = 0x08;

    private final Path images;
    private final DataInputStream imageIn;
    private final DataInputStream labelIn;
    private final int[] shape;
    private final int count;
    private final int sampleSize;
    private int index;

    private IdxSource(Path images, DataInputStream imageIn, DataInputStream labelIn, int[] shape, int count) {
        this.images = images;
        this.imageIn = imageIn;
        this.labelIn = labelIn;
        this.shape = shape;
        this.count = count;
        this.sampleSize = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    static Path defaultLabels(Path images) {
        String name = images.getFileName().toString();
        return name.contains("images-idx3") ? images.resolveSibling(name.replace("images-idx3", "labels-idx1")) : null;
    }

    static IdxSource open(Path images, Path labels) throws DatasetException {
        if (labels == null) {
            labels = defaultLabels(images);
            if (labels == null) {
                throw new DatasetException("IDX data " + images + " needs a label file (--labels)");
            }
        }
        DataInputStream imageIn = null;
        DataInputStream labelIn = null;
        try {
            imageIn = stream(images);
            labelIn = stream(labels);
            int[] imageDims = header(imageIn, images);
            int[] labelDims = header(labelIn, labels);
            if (imageDims.length < 2) {
                throw new DatasetException(images + " holds " + imageDims.length + "-dimensional data, not samples");
            }
            if (labelDims.length != 1 || labelDims[0] != imageDims[0]) {
                throw new DatasetException(labels + " holds labels of shape " + Arrays.toString(labelDims) + " for "
                        + imageDims[0] + " samples in " + images);
            }
            Values.requireSampleSize(Arrays.copyOfRange(imageDims, 1, imageDims.length), images.toString());
            if (imageDims[0] == 0) {
                throw new DatasetException(images + " holds no samples");
            }
            return new IdxSource(images, imageIn, labelIn, Arrays.copyOfRange(imageDims, 1, imageDims.length),
                    imageDims[0]);
        } catch (IOException | DatasetException e) {
            closeQuietly(imageIn);
            closeQuietly(labelIn);
            if (e instanceof DatasetException d) {
                throw d;
            }
            throw new DatasetException("Cannot read IDX data " + images + ": "
                    + org.secmlops.core.io.InputFiles.message(e), e);
        }
    }

    private static DataInputStream stream(Path file) throws IOException {
        org.secmlops.core.io.InputFiles.requireFile(file, "IDX file");
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new DataInputStream(in);
    }

    private static int[] header(DataInputStream in, Path file) throws IOException, DatasetException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(file + " is empty or not an IDX file", e);
        }
        if ((magic >>> 16) != 0 || ((magic >> 8) & 0xff) != UBYTE || (magic & 0xff) == 0) {
            throw new DatasetException(file + " is not an unsigned-byte IDX file (magic 0x"
                    + Integer.toHexString(magic) + ")");
        }
        int[] dims = new int[magic & 0xff];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new DatasetException(file + " has a negative dimension");
            }
        }
        return dims;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing to add to the first error
            }
        }
    }

    @Override
    public String description() {
        return "IDX " + images + " (" + count + " samples of shape " + Arrays.toString(shape) + ")";
    }

    @Override
    public int[] sampleShape() {
        return shape.clone();
    }

    @Override
    public boolean eightBit() {
        return true;
    }

    @Override
    public Batch next(int max) throws DatasetException {
        int n = Math.min(max, count - index);
        if (n <= 0) {
            return null;
        }
        List<String> ids = new ArrayList<>(n);
        float[][] rows = new float[n][sampleSize];
        int[] labels = new int[n];
        byte[] pixels = new byte[n * sampleSize];
        byte[] labelBytes = new byte[n];
        try {
            // Whole batches at once: the samples read up to a truncation are counted for the message.
            int images = readSamples(imageIn, pixels, sampleSize);
            int labelled = readSamples(labelIn, labelBytes, 1);
            if (images < n || labelled < n) {
                index += Math.min(images, labelled);
                throw new EOFException();
            }
            for (int i = 0; i < n; i++, index++) {
                float[] row = rows[i];
                int offset = i * sampleSize;
                for (int k = 0; k < sampleSize; k++) {
                    row[k] = pixels[offset + k] & 0xff;
                }
                labels[i] = labelBytes[i] & 0xff;
                ids.add("#" + index);
            }
        } catch (EOFException e) {
            throw new DatasetException(images + " ends at sample " + index + " of " + count + " (truncated)", e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + images + ": " + org.secmlops.core.io.InputFiles.message(e), e);
        }
        return new Batch(ids, rows, labels);
    }

    /** Fills the buffer as far as the stream goes; returns the number of whole samples read. */
    private static int readSamples(InputStream in, byte[] buffer, int sampleSize) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
        }
        return filled / sampleSize;
    }

    @Override
    public void close() throws IOException {
        try {
            imageIn.close();
        } finally {
            labelIn.close();
        }
    }
}
