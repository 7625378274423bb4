package org.secmlops.core.robustness;

import java.io.IOException;
import java.util.Locale;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;

/**
 * The smallest and largest model-input value in the first samples of a data set, after preprocessing: the
 * honest default valid range for data that is not 8-bit pixels and for which the user named none. Clipping
 * perturbations to it keeps adversarial inputs inside the domain the data comes from; without any clipping,
 * robust accuracy is understated (perturbed inputs leave the domain).
 *
 * @param low     the smallest value seen
 * @param high    the largest value seen, greater than {@code low}
 * @param samples how many samples were looked at
 */
public record ObservedRange(float low, float high, long samples) {
    public ObservedRange {
        if (!(low < high) || !Float.isFinite(low) || !Float.isFinite(high)) {
            throw new IllegalArgumentException("an observed range needs finite low < high: " + low + ", " + high);
        }
    }

    /**
     * Reads up to {@code maxSamples} samples of the data.
     *
     * @throws DatasetException when the data cannot be read, or all its values are equal (no range to observe)
     */
    public static ObservedRange of(DataSpec data, Preprocessing preprocessing, int maxSamples, int batchSize)
            throws DatasetException, IOException {
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        long seen = 0;
        try (SampleSource source = Datasets.open(data)) {
            int[] shape = source.sampleShape();
            while (seen < maxSamples) {
                Batch batch = source.next((int) Math.min(batchSize, maxSamples - seen));
                if (batch == null) {
                    break;
                }
                for (float[] raw : batch.features()) {
                    for (float value : preprocessing.apply(raw, shape)) {
                        low = Math.min(low, value);
                        high = Math.max(high, value);
                    }
                }
                seen += batch.size();
            }
        }
        if (seen == 0 || !(low < high)) {
            throw new DatasetException("Cannot observe a valid input range in " + data.path() + ": "
                    + (seen == 0 ? "it holds no samples" : "every value is " + low)
                    + "; give --valid-range LOW,HIGH");
        }
        return new ObservedRange(low, high, seen);
    }

    /** E.g. {@code [0, 16]}. */
    public String describe() {
        return String.format(Locale.ROOT, "[%s, %s]", format(low), format(high));
    }

    private static String format(float value) {
        return value == Math.rint(value) && Math.abs(value) < 1e7 ? Long.toString((long) value)
                : Float.toString(value);
    }
}
