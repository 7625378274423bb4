package org.secmlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingSpecTest {
    /** A source of 2 x 2 one-channel samples, 8-bit or not. */
    private static SampleSource source(boolean eightBit) {
        return new NoSamples(new int[] {2, 2}, eightBit);
    }

    @Test
    void shouldLeaveValuesAsReadWithoutPreprocessing() throws Exception {
        Preprocessing none = PreprocessingSpec.NONE.preprocessing(source(false));

        assertThat(none.apply(new float[] {1, 2, 3, 4}, new int[] {2, 2})).containsExactly(1, 2, 3, 4);
        assertThat(none.shape(new int[] {2, 2})).containsExactly(2, 2);
    }

    @Test
    void shouldMapEightBitPixelsOntoTheInputRangeThenNormalizeAndLayOutChannelsFirst() throws Exception {
        PreprocessingSpec spec = PreprocessingSpec.builder().inputRange(-1f, 1f).mean(List.of(0.5f))
                .std(List.of(0.5f)).layout(Layout.NCHW).build();

        Preprocessing preprocessing = spec.preprocessing(source(true));

        // 0 -> -1 -> -3; 255 -> 1 -> 1
        assertThat(preprocessing.apply(new float[] {0, 255, 0, 255}, new int[] {2, 2}))
                .containsExactly(-3f, 1f, -3f, 1f);
        assertThat(preprocessing.shape(new int[] {2, 2})).containsExactly(1, 2, 2);
    }

    @Test
    void shouldScaleRawValuesAndDivideByStdAlone() throws Exception {
        PreprocessingSpec spec = PreprocessingSpec.builder().scale(0.5f).std(List.of(2f)).build();

        Preprocessing preprocessing = spec.preprocessing(source(false));

        assertThat(preprocessing.apply(new float[] {4, 8, -4, 0}, new int[] {2, 2})).containsExactly(1, 2, -1, 0);
        assertThat(preprocessing.shape(new int[] {2, 2})).containsExactly(2, 2);
    }

    @Test
    void shouldRefuseAnInputRangeForDataThatIsNotEightBit() {
        PreprocessingSpec spec = PreprocessingSpec.builder().inputRange(0f, 1f).build();

        assertThatThrownBy(() -> spec.preprocessing(source(false))).isInstanceOf(DatasetException.class)
                .hasMessage("--input-range maps 8-bit pixels; test samples is not 8-bit data; use --scale");
    }

    @Test
    void shouldRefuseAnInputRangeWithAScaleOrOfOtherThanTwoValues() {
        assertThatThrownBy(() -> PreprocessingSpec.builder().inputRange(0f, 1f).scale(2f).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Give --input-range or --scale, not both");
        assertThatThrownBy(() -> PreprocessingSpec.builder().inputRange(List.of(0f, 1f, 2f)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--input-range is LOW,HIGH");
    }
}
