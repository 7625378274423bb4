package org.secmlops.core.datacheck;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects rows for a {@link FeatureMatrix}: on the heap while they take at most {@code heapBudget} bytes, after that
 * in a scratch file in {@code scratchDir}, which {@link #build()} maps into memory and deletes at once (the mapping
 * keeps the data readable until it is collected). {@link #close()} deletes an unfinished scratch file, so an error
 * while reading leaves nothing behind.
 */
final class FeatureMatrixBuilder implements AutoCloseable {
    private static final int MAX_SEGMENT_FLOATS = Integer.MAX_VALUE / Float.BYTES;
    private static final int WRITE_BUFFER = 1 << 20;

    private final int width;
    private final long heapBudget;
    private final Path scratchDir;
    private final List<float[]> heapRows = new ArrayList<>();
    private Path file;
    private FileChannel channel;
    private ByteBuffer buffer;
    private int size;

    FeatureMatrixBuilder(int width, long heapBudget, Path scratchDir) {
        this.width = width;
        this.heapBudget = heapBudget;
        this.scratchDir = scratchDir;
    }

    int width() {
        return width;
    }

    int size() {
        return size;
    }

    /** Adds a row; the builder may keep the array. */
    void add(float[] row) throws IOException {
        if (row.length != width) {
            throw new IllegalArgumentException("row of " + row.length + " values, expected " + width);
        }
        if (channel == null && (long) (size + 1) * width * Float.BYTES > heapBudget) {
            spill();
        }
        if (channel == null) {
            heapRows.add(row);
        } else {
            write(row);
        }
        size++;
    }

    /** The matrix of every row added; the builder is spent afterwards. */
    FeatureMatrix build() throws IOException {
        if (channel == null) {
            FeatureMatrix matrix = new HeapFeatures(heapRows.toArray(float[][]::new));
            heapRows.clear();
            return matrix;
        }
        flush();
        int rowsPerSegment = Math.max(1, MAX_SEGMENT_FLOATS / Math.max(1, width));
        int count = (size + rowsPerSegment - 1) / rowsPerSegment;
        FloatBuffer[] segments = new FloatBuffer[count];
        for (int s = 0; s < count; s++) {
            long from = (long) s * rowsPerSegment;
            long rows = Math.min(rowsPerSegment, size - from);
            segments[s] = channel.map(FileChannel.MapMode.READ_ONLY, from * width * Float.BYTES,
                    rows * width * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        close();
        return new MappedFeatures(segments, rowsPerSegment, size, width);
    }

    private void spill() throws IOException {
        file = Files.createTempFile(scratchDir, "secmlops-features-", ".f32");
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        buffer = ByteBuffer.allocateDirect(Math.max(WRITE_BUFFER, width * Float.BYTES))
                .order(ByteOrder.nativeOrder());
        for (float[] row : heapRows) {
            write(row);
        }
        heapRows.clear();
    }

    private void write(float[] row) throws IOException {
        if (buffer.remaining() < row.length * Float.BYTES) {
            flush();
        }
        buffer.asFloatBuffer().put(row);
        buffer.position(buffer.position() + row.length * Float.BYTES);
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Closes and deletes the scratch file (a mapped file stays readable where the system allows it). */
    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            channel = null;
            heapRows.clear();
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
                file = null;
            }
        }
    }
}
