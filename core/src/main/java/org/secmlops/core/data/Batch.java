package org.secmlops.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Consecutive samples of a data set. The arrays belong to the batch; nobody changes them after it is made.
 *
 * @param ids      a stable id per sample: {@code line 12} of a CSV file, {@code #1234} of an IDX or NumPy
 *                 file, or the image's path relative to the folder
 * @param features one flat row per sample
 * @param labels   the class index per sample
 */
public record Batch(List<String> ids, float[][] features, int[] labels) {
    public Batch {
        ids = List.copyOf(ids);
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (ids.size() != features.length || features.length != labels.length) {
            throw new IllegalArgumentException("ids, features and labels differ in length");
        }
    }

    /** The number of samples. */
    public int size() {
        return labels.length;
    }
}
