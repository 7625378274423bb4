package org.secmlops.core.robustness;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;

/**
 * The valid range of the model's input values, which every perturbation is clipped to: {@linkplain #given given}
 * as {@code LOW,HIGH}, {@linkplain #unclipped none} (not clipped, flagged as a validity problem), or
 * {@linkplain #fromData taken from the data} (the default: 0..255 through the preprocessing for 8-bit data, else
 * the range observed in the data). {@link #parse} reads the CLI's {@code --valid-range}.
 *
 * <pre>{@code
 * ValidRange range = ValidRange.parse("0,1");
 * ValidRange.Resolved bounds = range.resolve(data, source, preprocessing, config, log::println);
 * new RobustnessEvaluator(config, preprocessing, bounds.bounds(), geometry, log::println);
 * }</pre>
 */
public sealed interface ValidRange permits ValidRange.Given, ValidRange.Unclipped, ValidRange.FromData {
    /** How many samples the default valid range is observed on, at least. */
    int OBSERVED_RANGE_SAMPLES = 10_000;

    /**
     * The bounds of a run's samples and where they came from, as the report says it ({@code validRangeSource}).
     *
     * @param bounds the bounds of one preprocessed sample
     * @param source where the range came from, e.g. {@code given by --valid-range}
     */
    record Resolved(InputBounds bounds, String source) {
    }

    /**
     * The bounds for the samples of the source after the preprocessing.
     *
     * @param data          the data set of the source, read again to observe its range
     * @param config        the run's sample count and batch size (the range is observed on at least {@value
     *                      #OBSERVED_RANGE_SAMPLES} samples)
     * @param progress      where a warning or the observed range is said
     * @throws DatasetException when the data cannot be read or has no range to observe
     */
    Resolved resolve(DataSpec data, SampleSource source, Preprocessing preprocessing, RobustnessConfig config,
            Consumer<String> progress) throws DatasetException, IOException;

    /**
     * Reads {@code --valid-range}: {@code LOW,HIGH}, {@code none}, or {@code null} for the default.
     *
     * @throws IllegalArgumentException for anything else, or {@code LOW >= HIGH}
     */
    static ValidRange parse(String text) {
        if (text == null) {
            return fromData();
        }
        if (text.strip().equalsIgnoreCase("none")) {
            return unclipped();
        }
        String[] parts = text.split(",");
        float low;
        float high;
        try {
            low = parts.length == 2 ? Float.parseFloat(parts[0].strip()) : Float.NaN;
            high = parts.length == 2 ? Float.parseFloat(parts[1].strip()) : Float.NaN;
        } catch (NumberFormatException e) {
            low = Float.NaN;
            high = Float.NaN;
        }
        return given(low, high);
    }

    /**
     * Every input value lies in {@code [low, high]}.
     *
     * @throws IllegalArgumentException unless both are finite and {@code low < high}
     */
    static ValidRange given(float low, float high) {
        return new Given(low, high);
    }

    /** Perturbations are not clipped; the report flags the run's robust accuracy as not trustworthy. */
    static ValidRange unclipped() {
        return new Unclipped();
    }

    /** The default: 0..255 through the preprocessing for 8-bit data, else the range observed in the data. */
    static ValidRange fromData() {
        return new FromData();
    }

    /** The number of values of one preprocessed sample of the source. */
    private static int size(SampleSource source, Preprocessing preprocessing) throws DatasetException {
        return Arrays.stream(preprocessing.shape(source.sampleShape())).reduce(1, (a, b) -> a * b);
    }

    /** A range the user gave. */
    record Given(float low, float high) implements ValidRange {
        public Given {
            if (!(low < high) || !Float.isFinite(low) || !Float.isFinite(high)) {
                throw new IllegalArgumentException("--valid-range is LOW,HIGH with LOW < HIGH, or none");
            }
        }

        @Override
        public Resolved resolve(DataSpec data, SampleSource source, Preprocessing preprocessing,
                RobustnessConfig config, Consumer<String> progress) throws DatasetException {
            return new Resolved(InputBounds.uniform(size(source, preprocessing), low, high),
                    "given by --valid-range");
        }
    }

    /** No range: perturbations are not clipped. */
    record Unclipped() implements ValidRange {
        @Override
        public Resolved resolve(DataSpec data, SampleSource source, Preprocessing preprocessing,
                RobustnessConfig config, Consumer<String> progress) throws DatasetException {
            progress.accept("WARNING: --valid-range none: perturbations are not clipped to any valid input range;"
                    + " the report flags this run's robust accuracy as not trustworthy");
            return new Resolved(InputBounds.unbounded(size(source, preprocessing)), "none: perturbations not clipped");
        }
    }

    /** The range the data implies: 8-bit pixels through the preprocessing, else the values observed. */
    record FromData() implements ValidRange {
        @Override
        public Resolved resolve(DataSpec data, SampleSource source, Preprocessing preprocessing,
                RobustnessConfig config, Consumer<String> progress) throws DatasetException, IOException {
            if (source.eightBit()) {
                return new Resolved(InputBounds.ofEightBit(preprocessing, source.sampleShape()),
                        "8-bit data, 0..255 through the preprocessing");
            }
            int size = size(source, preprocessing);
            int scanned = Math.max(config.maxSamples(), OBSERVED_RANGE_SAMPLES);
            ObservedRange observed = ObservedRange.of(data, preprocessing, scanned, config.batchSize());
            progress.accept("valid input range not given: using the range observed in the data, "
                    + observed.describe() + " (give --valid-range LOW,HIGH for the range the model accepts)");
            return new Resolved(InputBounds.uniform(size, observed.low(), observed.high()),
                    "observed in the first " + observed.samples() + " samples of the data (give --valid-range"
                            + " LOW,HIGH to set it)");
        }
    }
}
