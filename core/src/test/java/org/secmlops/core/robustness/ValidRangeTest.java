package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.NoSamples;
import org.secmlops.core.data.SampleSource;

class ValidRangeTest {
    private static final RobustnessConfig CONFIG = RobustnessConfig.builder()
            .corruptions(List.of(Corruption.values()[0])).maxSamples(1).build();

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    /** 1 x 2 samples of 8-bit pixels. */
    private static SampleSource eightBitSource() {
        return new NoSamples(new int[] {1, 2}, true);
    }

    @Test
    void shouldClipToAGivenRangeAndSaySo() throws Exception {
        ValidRange range = ValidRange.parse(" -1 , 2 ");
        try (SampleSource source = new ArraySource(new float[][] {{5, 6, 7}}, new int[] {0})) {
            ValidRange.Resolved resolved = range.resolve(DataSpec.of(dir.resolve("unused.csv")), source,
                    Preprocessing.NONE, CONFIG, progress::add);

            assertThat(range).isEqualTo(ValidRange.given(-1f, 2f));
            assertThat(resolved.bounds().low()).containsExactly(-1f, -1f, -1f);
            assertThat(resolved.bounds().high()).containsExactly(2f, 2f, 2f);
            assertThat(resolved.source()).isEqualTo("given by --valid-range");
            assertThat(progress).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,0", "1,1", "0", "0,1,2", "a,b", "0,Infinity", "NaN,1", ""})
    void shouldRefuseARangeThatIsNotLowBelowHigh(String text) {
        assertThatThrownBy(() -> ValidRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--valid-range is LOW,HIGH with LOW < HIGH, or none");
    }

    @Test
    void shouldNotClipForNoneAndWarn() throws Exception {
        try (SampleSource source = new ArraySource(new float[][] {{5, 6}}, new int[] {0})) {
            ValidRange.Resolved resolved = ValidRange.parse("NONE").resolve(DataSpec.of(dir.resolve("unused.csv")),
                    source, Preprocessing.NONE, CONFIG, progress::add);

            assertThat(resolved.bounds().finite()).isFalse();
            assertThat(resolved.bounds().low()).containsExactly(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY);
            assertThat(resolved.source()).isEqualTo("none: perturbations not clipped");
            assertThat(progress).singleElement().asString().startsWith("WARNING: --valid-range none");
        }
    }

    @Test
    void shouldMapTheEightBitRangeThroughThePreprocessingByDefault() throws Exception {
        // 0..255 onto [0, 1], then (x - 0.5) / 0.25: [-2, 2]
        Preprocessing preprocessing = Preprocessing.inputRange(0f, 1f).withMeanStd(new float[] {0.5f},
                new float[] {0.25f});

        ValidRange.Resolved resolved = ValidRange.parse(null).resolve(DataSpec.of(dir.resolve("unused")),
                eightBitSource(), preprocessing, CONFIG, progress::add);

        assertThat(resolved.bounds().low()).containsExactly(-2f, -2f);
        assertThat(resolved.bounds().high()).containsExactly(2f, 2f);
        assertThat(resolved.source()).isEqualTo("8-bit data, 0..255 through the preprocessing");
        assertThat(progress).isEmpty();
    }

    @Test
    void shouldUseTheRangeObservedInTheDataOtherwise() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), "a,b,label\n2,5,0\n-1,3,1\n4,0,0\n");
        DataSpec data = DataSpec.of(csv).withLabelColumn("label");
        Preprocessing halved = Preprocessing.NONE.withScale(0.5f, 0f);

        try (SampleSource source = Datasets.open(data)) {
            ValidRange.Resolved resolved = ValidRange.fromData().resolve(data, source, halved, CONFIG, progress::add);

            assertThat(resolved.bounds().low()).containsExactly(-0.5f, -0.5f);
            assertThat(resolved.bounds().high()).containsExactly(2.5f, 2.5f);
            assertThat(resolved.source()).isEqualTo("observed in the first 3 samples of the data (give --valid-range"
                    + " LOW,HIGH to set it)");
            assertThat(progress).containsExactly("valid input range not given: using the range observed in the data,"
                    + " [-0.5, 2.5] (give --valid-range LOW,HIGH for the range the model accepts)");
        }
    }
}
