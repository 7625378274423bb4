package org.secmlops.core.datacheck;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A whole labelled data set, as read: the raw feature values (before any preprocessing), the labels and the stable
 * sample ids of {@link org.secmlops.core.data.SampleSource}. Large feature matrices live outside the Java heap (see
 * {@link FeatureMatrix}); ids that are row or line numbers are stored as numbers. The arrays are owned by the table;
 * nobody changes them after it is made.
 *
 * @param description what was read, e.g. {@code CSV data.csv (label label)}
 * @param ids         one stable id per sample ({@code line 12}, {@code #1234}, or an image's relative path)
 * @param features    one raw row per sample, all of the same length
 * @param labels      the class index per sample
 * @param sampleShape the raw shape of one sample ({@code [F]}, {@code [H, W]} or {@code [H, W, C]})
 * @param eightBit    whether the raw values are 8-bit pixels (0..255)
 * @param featureNames the features' names where the data names them (a CSV header), else empty
 */
public record DataTable(String description, List<String> ids, FeatureMatrix features, int[] labels,
        int[] sampleShape, boolean eightBit, List<String> featureNames) {
    public DataTable {
        featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
        Objects.requireNonNull(description, "description");
        ids = ids instanceof SampleIds ? ids : List.copyOf(ids);
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        sampleShape = sampleShape.clone();
        if (ids.size() != features.size() || features.size() != labels.length) {
            throw new IllegalArgumentException("ids, features and labels differ in length");
        }
    }

    /** A table whose features have no names. */
    public DataTable(String description, List<String> ids, FeatureMatrix features, int[] labels, int[] sampleShape,
            boolean eightBit) {
        this(description, ids, features, labels, sampleShape, eightBit, List.of());
    }

    /** The name of feature {@code j}: its column name where the data names it, else {@code feature j}. */
    public String featureName(int j) {
        return j < featureNames.size() && !featureNames.get(j).isEmpty() ? featureNames.get(j) : "feature " + j;
    }

    /** A table over rows on the heap (owned by the table from then on). */
    public DataTable(String description, List<String> ids, float[][] features, int[] labels, int[] sampleShape,
            boolean eightBit) {
        this(description, ids, FeatureMatrix.of(features), labels, sampleShape, eightBit);
    }

    /** The number of samples. */
    public int size() {
        return labels.length;
    }

    /** The number of features per sample. */
    public int width() {
        return features.width();
    }

    /** One more than the largest label. */
    public int classes() {
        return Arrays.stream(labels).max().orElse(-1) + 1;
    }

    @Override
    public int[] sampleShape() {
        return sampleShape.clone();
    }
}
