package org.secmlops.core.poison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.SampleSource;

/** Reads a whole {@link SampleSource} into a {@link DataTable} and checks that it can be analysed. */
public final class DataTableReader {
    private static final int BATCH = 4096;

    private DataTableReader() {
    }

    /**
     * Reads every sample.
     *
     * @param minClasses the fewest distinct labels accepted (2 for a training set; 1 for a drift reference)
     * @throws DatasetException when the data is malformed (the reader's message names the sample), empty, holds
     *                          fewer classes than required, or its samples differ in length
     */
    public static DataTable read(SampleSource source, int minClasses) throws DatasetException {
        List<String> ids = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        int[] labels = new int[1024];
        int n = 0;
        for (Batch batch = source.next(BATCH); batch != null; batch = source.next(BATCH)) {
            for (int i = 0; i < batch.size(); i++) {
                float[] row = batch.features()[i];
                if (!rows.isEmpty() && row.length != rows.get(0).length) {
                    throw new DatasetException(source.description() + ": sample " + batch.ids().get(i) + " has "
                            + row.length + " values, the first sample " + rows.get(0).length);
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
        return new DataTable(source.description(), ids, rows.toArray(float[][]::new), y, source.sampleShape(),
                source.eightBit());
    }
}
