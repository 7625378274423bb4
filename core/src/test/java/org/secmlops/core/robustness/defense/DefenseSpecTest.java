package org.secmlops.core.robustness.defense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.SampleGeometry;

class DefenseSpecTest {
    private static final SampleGeometry IMAGE = new SampleGeometry(1, 8, 8, false);
    private static final InputBounds UNIT = InputBounds.uniform(64, 0, 1);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "blur:3|unknown defense 'blur:3'; known: none, bit-depth, median, jpeg, noise, smoothing, squeeze-detector",
        "smoothing:0|smoothing sigma must be in (0, 1]",
        "smoothing:0.25,n=0|the number of votes n must be 1..1000, was 0",
        "smoothing:0.25,m=3|unknown parameter 'm'",
        "bit-depth:0|bit depth must be 1..8, was 0",
        "bit-depth:9|bit depth must be 1..8, was 9",
        "bit-depth|needs a value, e.g. bit-depth:3",
        "bit-depth:2.5|2.5 is not a whole number",
        "bit-depth:three|'three' is not a number",
        "median:4|the median window must be odd and at least 3, was 4",
        "median:1|the median window must be odd and at least 3, was 1",
        "jpeg:0|JPEG quality must be 1..100, was 0",
        "jpeg:101|JPEG quality must be 1..100, was 101",
        "noise:0|noise sigma must be in (0, 1]",
        "noise:NaN|is not a number",
        "none:1|takes no parameters",
        "squeeze-detector:fpr=0.7|fpr must be in (0, 0.5)",
        "squeeze-detector:fpr=0.05,threshold=0.1|give fpr or threshold, not both",
        "squeeze-detector:threshold=-1|must not be negative",
        "squeeze-detector:level=3|unknown parameter 'level'",
        "squeeze-detector:bits=0|bit depth must be 1..8, was 0"})
    void shouldRefuseBadSpecificationsWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> DefenseSpec.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void shouldRefuseImageDefensesOnVectorsAndQuantizationWithoutARange() {
        SampleGeometry flat = SampleGeometry.flat(64);

        assertThatThrownBy(() -> DefenseSpec.parse("median:3").create(UNIT, flat))
                .hasMessageContaining("defense 'median:3'").hasMessageContaining("needs image-shaped samples");
        assertThatThrownBy(() -> DefenseSpec.parse("jpeg:75").create(UNIT, flat))
                .hasMessageContaining("needs image-shaped samples");
        assertThatThrownBy(() -> DefenseSpec.parse("bit-depth:3").create(InputBounds.unbounded(64), IMAGE))
                .hasMessageContaining("needs a finite valid input range");
    }

    @Test
    void shouldPutTheBaselineFirstOnceAndRefuseDuplicates() {
        DefenseConfig config = new DefenseConfig(List.of(DefenseSpec.parse("median:3"), DefenseSpec.parse("NONE")),
                List.of(), List.of(), 1, 0, 10, 10);

        assertThat(config.defenses()).extracting(DefenseSpec::text).containsExactly("none", "median:3");
        assertThatThrownBy(() -> new DefenseConfig(List.of(DefenseSpec.parse("jpeg:75"),
                DefenseSpec.parse(" jpeg:75 ")), List.of(), List.of(), 1, 0, 10, 10))
                .hasMessageContaining("given twice");
    }

    @Test
    void shouldSqueezeToTheGivenNumberOfLevels() {
        BitDepthReduction oneBit = new BitDepthReduction(1, InputBounds.uniform(3, -1, 1));

        assertThat(oneBit.apply(new float[] {-0.9f, -0.1f, 0.2f}, null)).containsExactly(-1f, -1f, 1f);
        assertThat(oneBit.naiveBackward(new float[3], new float[] {1, 2, 3})).containsExactly(0f, 0f, 0f);
    }

    @Test
    void shouldTakeTheMedianOfEachWindowAndRouteGradientsToIt() {
        SampleGeometry g = new SampleGeometry(1, 3, 3, false);
        float[] x = {0, 0, 0, 0, 9, 0, 0, 0, 0};
        MedianFilter median = new MedianFilter(3, g);

        assertThat(median.apply(x, null)).as("a single bright pixel is removed").containsOnly(0f);
        float[] ramp = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] upstream = new float[9];
        upstream[4] = 1;
        assertThat(median.apply(ramp, null)[4]).isEqualTo(5f);
        assertThat(median.naiveBackward(ramp, upstream)).containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 0);
    }
}
