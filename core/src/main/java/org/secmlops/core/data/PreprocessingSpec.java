package org.secmlops.core.data;

import java.util.List;

/**
 * The preprocessing a run declares, before the data is open: what {@link #preprocessing(SampleSource)} turns into
 * the {@link Preprocessing} of one source. The CLI's {@code --input-range}, {@code --scale}, {@code --mean},
 * {@code --std} and {@code --layout} map onto it one to one (image size and gray scale belong to {@link DataSpec}).
 *
 * <pre>{@code
 * PreprocessingSpec spec = PreprocessingSpec.builder().inputRange(0f, 1f).mean(List.of(0.5f)).std(List.of(0.25f))
 *         .layout(Layout.NCHW).build();
 * try (SampleSource source = Datasets.open(data)) {
 *     Preprocessing preprocessing = spec.preprocessing(source);
 * }
 * }</pre>
 *
 * @param inputRange 8-bit pixels 0..255 are mapped onto {@code [LOW, HIGH]}: two values, or {@code null}
 * @param scale      raw values are multiplied by it, or {@code null}; not together with {@code inputRange}
 * @param mean       subtracted per channel (or one value), or {@code null} for 0
 * @param std        divides per channel (or one value), or {@code null} for 1
 * @param layout     the layout of image-like samples for the model, or {@code null} to keep the raw shape
 */
public record PreprocessingSpec(List<Float> inputRange, Float scale, List<Float> mean, List<Float> std,
        Layout layout) {
    /** No preprocessing: raw values as read. */
    public static final PreprocessingSpec NONE = new PreprocessingSpec(null, null, null, null, null);

    /**
     * @throws IllegalArgumentException when both an input range and a scale are given, or the input range is not
     *                                  two values
     */
    public PreprocessingSpec {
        if (inputRange != null && scale != null) {
            throw new IllegalArgumentException("Give --input-range or --scale, not both");
        }
        if (inputRange != null && inputRange.size() != 2) {
            throw new IllegalArgumentException("--input-range is LOW,HIGH");
        }
        inputRange = inputRange == null ? null : List.copyOf(inputRange);
        mean = mean == null ? null : List.copyOf(mean);
        std = std == null ? null : List.copyOf(std);
    }

    /** A builder without any preprocessing. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The preprocessing of the opened source: the input range (8-bit data only) or the scale, then mean and std,
     * then the layout.
     *
     * @throws DatasetException when an input range is given for data that is not 8-bit
     */
    public Preprocessing preprocessing(SampleSource source) throws DatasetException {
        return preprocessing(source.description(), source.eightBit());
    }

    /**
     * The preprocessing of data described as {@code description}, 8-bit or not (data that is not a
     * {@link SampleSource}, e.g. detection images).
     *
     * @throws DatasetException when an input range is given for data that is not 8-bit
     */
    public Preprocessing preprocessing(String description, boolean eightBit) throws DatasetException {
        Preprocessing preprocessing = Preprocessing.NONE;
        if (inputRange != null) {
            if (!eightBit) {
                throw new DatasetException("--input-range maps 8-bit pixels; " + description
                        + " is not 8-bit data; use --scale");
            }
            preprocessing = Preprocessing.inputRange(inputRange.get(0), inputRange.get(1));
        } else if (scale != null) {
            preprocessing = preprocessing.withScale(scale, 0f);
        }
        if (mean != null || std != null) {
            preprocessing = preprocessing.withMeanStd(floats(mean, 0f), floats(std, 1f));
        }
        if (layout != null) {
            preprocessing = preprocessing.withLayout(layout);
        }
        return preprocessing;
    }

    private static float[] floats(List<Float> values, float fallback) {
        if (values == null) {
            return new float[] {fallback};
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Builds a {@link PreprocessingSpec}; every value is optional. */
    public static final class Builder {
        private List<Float> inputRange;
        private Float scale;
        private List<Float> mean;
        private List<Float> std;
        private Layout layout;

        private Builder() {
        }

        /** Maps 8-bit pixels 0..255 onto {@code [low, high]}. */
        public Builder inputRange(float low, float high) {
            return inputRange(List.of(low, high));
        }

        /** Maps 8-bit pixels 0..255 onto the two values {@code [LOW, HIGH]}; {@code null} for none. */
        public Builder inputRange(List<Float> value) {
            inputRange = value;
            return this;
        }

        /** Multiplies raw values; {@code null} for none. */
        public Builder scale(Float value) {
            scale = value;
            return this;
        }

        public Builder mean(List<Float> value) {
            mean = value;
            return this;
        }

        public Builder std(List<Float> value) {
            std = value;
            return this;
        }

        public Builder layout(Layout value) {
            layout = value;
            return this;
        }

        /** @throws IllegalArgumentException as the constructor does */
        public PreprocessingSpec build() {
            return new PreprocessingSpec(inputRange, scale, mean, std, layout);
        }
    }
}
