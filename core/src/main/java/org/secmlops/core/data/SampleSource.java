package org.secmlops.core.data;

import java.io.Closeable;
import java.util.List;

/**
 * Reads a labelled data set one batch at a time; only the current batch is held in memory. Raw samples come
 * channel-last ({@code [H, W, C]} for images, {@code [H, W]} for IDX, {@code [F]} for CSV) and are checked to be
 * finite.
 */
public interface SampleSource extends Closeable {
    /** What is read, e.g. {@code CSV data.csv (label column 'y')}. */
    String description();

    /** The raw shape of one sample. */
    int[] sampleShape();

    /**
     * The names of the features in the order of a sample's values, where the data names them (a CSV header without
     * the label column); empty where it does not.
     */
    default List<String> featureNames() {
        return List.of();
    }

    /** Whether the raw values are 8-bit pixels (0..255), so that {@code --input-range} applies. */
    boolean eightBit();

    /**
     * Reads the next samples.
     *
     * @param max at most this many, positive
     * @return the next batch, or {@code null} after the last sample
     * @throws DatasetException when a value is not a finite number, a label is invalid or a sample has the wrong
     *                          shape; the message names the sample (line and column, index or file)
     */
    Batch next(int max) throws DatasetException;
}
