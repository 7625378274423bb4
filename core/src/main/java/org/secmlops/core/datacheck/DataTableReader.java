package org.secmlops.core.datacheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.SampleSource;

/**
 * Reads a whole {@link SampleSource} into a {@link DataTable} and checks that it can be analysed. Feature values
 * beyond a quarter of the maximum heap go to a memory-mapped scratch file in the temporary directory, deleted as
 * soon as it is mapped (or when reading fails), so data sets larger than the heap can be checked.
 */
public final class DataTableReader {
    private static final int BATCH = 4096;

    private DataTableReader() {
    }

    /**
     * Reads every sample.
     *
     * @param minClasses the fewest distinct labels accepted (2 for a training set; 1 for a drift reference)
     * @throws DatasetException when the data is malformed (the reader's message names the sample), empty, holds
     *                          fewer classes than required, or its samples differ in length, or the scratch file
     *                          cannot be written
     */
    public static DataTable read(SampleSource source, int minClasses) throws DatasetException {
        return read(source, minClasses, Runtime.getRuntime().maxMemory() / 4,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Reads every sample, keeping at most {@code heapBudget} bytes of feature values on the heap. */
    static DataTable read(SampleSource source, int minClasses, long heapBudget, Path scratchDir)
            throws DatasetException {
        SampleIds.Builder ids = new SampleIds.Builder();
        int[] labels = new int[1024];
        int n = 0;
        FeatureMatrixBuilder rows = null;
        try {
            for (Batch batch = source.next(BATCH); batch != null; batch = source.next(BATCH)) {
                org.secmlops.core.run.Cancellation.check();
                for (int i = 0; i < batch.size(); i++) {
                    float[] row = batch.features()[i];
                    if (rows == null) {
                        rows = new FeatureMatrixBuilder(row.length, heapBudget, scratchDir);
                    } else if (row.length != rows.width()) {
                        throw new DatasetException(source.description() + ": sample " + batch.ids().get(i) + " has "
                                + row.length + " values, the first sample " + rows.width());
                    }
                    if (n == labels.length) {
                        labels = Arrays.copyOf(labels, n * 2);
                    }
                    labels[n++] = batch.labels()[i];
                    rows.add(row);
                    ids.add(batch.ids().get(i));
                }
            }
            if (n == 0) {
                throw new DatasetException(source.description() + " holds no samples");
            }
            int[] y = Arrays.copyOf(labels, n);
            long distinct = Arrays.stream(y).distinct().count();
            if (distinct < minClasses) {
                throw new DatasetException(source.description() + " holds a single class (" + y[0]
                        + "); label checks need samples of at least " + minClasses + " classes");
            }
            return new DataTable(source.description(), ids.build(), rows.build(), y, source.sampleShape(),
                    source.eightBit(), source.featureNames());
        } catch (IOException e) {
            throw new DatasetException("Cannot write the scratch file for " + source.description() + " in "
                    + scratchDir + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(rows);
        }
    }

    private static void closeQuietly(FeatureMatrixBuilder rows) {
        if (rows == null) {
            return;
        }
        try {
            rows.close();
        } catch (IOException e) {
            // the scratch file is already marked for deletion on exit
        }
    }
}
