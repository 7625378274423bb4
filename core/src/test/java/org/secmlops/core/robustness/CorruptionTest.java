package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CorruptionTest {
    private static final SampleGeometry RGB = new SampleGeometry(3, 12, 10, true);
    private static final InputBounds UNIT = InputBounds.uniform(RGB.size(), 0, 1);

    private static float[] image(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[RGB.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = 0.2f + 0.6f * (float) random.nextDouble();
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void shouldStayInTheValidRangeAndBeReproducible(Corruption corruption) {
        for (int severity = 1; severity <= 5; severity++) {
            float[] a = corruption.apply(image(1), severity, RGB, UNIT, new SplittableRandom(5));
            float[] b = corruption.apply(image(1), severity, RGB, UNIT, new SplittableRandom(5));

            assertThat(UNIT.contains(a)).isTrue();
            assertThat(a).containsExactly(b);
            assertThat(a).isNotEqualTo(image(1));
        }
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void shouldChangeTheSampleMoreAtHigherSeverity(Corruption corruption) {
        float[] x = image(2);
        double previous = -1;
        for (int severity = 1; severity <= 5; severity++) {
            double change = 0;
            for (long seed = 0; seed < 20; seed++) {
                change += Norm.L2.size(corruption.apply(x, severity, RGB, UNIT, new SplittableRandom(seed)), x);
            }
            assertThat(change).as("%s severity %d", corruption, severity).isGreaterThan(previous);
            previous = change;
        }
    }

    @Test
    void shouldAddNoiseWithTheTabulatedStandardDeviation() {
        SampleGeometry flat = SampleGeometry.flat(40_000);
        float[] x = new float[flat.size()];
        Arrays.fill(x, 5f);
        float[] noisy = Corruption.GAUSSIAN_NOISE.apply(x, 3, flat, InputBounds.uniform(flat.size(), 0, 10),
                new SplittableRandom(1));

        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            sum += (noisy[j] - 5.0) * (noisy[j] - 5.0);
        }
        assertThat(Math.sqrt(sum / x.length)).isCloseTo(0.08 * 10, within(0.01));
    }

    @Test
    void shouldShiftBrightnessAndScaleContrastByTheTabulatedAmounts() {
        float[] x = {0.2f, 0.4f, 0.6f};
        SampleGeometry flat = SampleGeometry.flat(3);
        InputBounds bounds = InputBounds.uniform(3, -1, 3);

        assertThat(Corruption.BRIGHTNESS.apply(x, 2, flat, bounds, new SplittableRandom(0)))
                .containsExactly(new float[] {1.0f, 1.2f, 1.4f}, within(1e-6f));
        assertThat(Corruption.CONTRAST.apply(x, 2, flat, bounds, new SplittableRandom(0)))
                .containsExactly(new float[] {0.3f, 0.4f, 0.5f}, within(1e-6f));
    }

    @Test
    void shouldKeepAConstantImageUnderBlurAndJpeg() {
        float[] x = new float[RGB.size()];
        Arrays.fill(x, 0.5f);

        assertThat(Corruption.BLUR.apply(x, 5, RGB, UNIT, new SplittableRandom(0)))
                .containsOnly(new float[] {0.5f}, within(1e-6f));
        // 0.5 maps to 127.5; a constant block is its DC coefficient, which quantization keeps to within half a step
        float[] jpeg = Corruption.JPEG.apply(x, 5, RGB, UNIT, new SplittableRandom(0));
        int dcStep = JpegQuantizer.table(10)[0];
        for (float v : jpeg) {
            assertThat(Math.abs(v * 255 - 127.5)).isLessThanOrEqualTo(dcStep / 8.0 / 2 + 1e-3);
        }
    }

    @Test
    void shouldScaleTheStandardTableToQuality() {
        assertThat(JpegQuantizer.table(50)[0]).isEqualTo(16);
        assertThat(JpegQuantizer.table(50)[63]).isEqualTo(99);
        assertThat(JpegQuantizer.table(100)).containsOnly(1);
        assertThat(JpegQuantizer.table(10)[0]).isEqualTo(80);
    }

    @Test
    void shouldOccludeASquareOfTheTabulatedSideInEveryChannel() {
        float[] x = image(3);
        float[] occluded = Corruption.OCCLUSION.apply(x, 4, RGB, UNIT, new SplittableRandom(2));

        int side = (int) Math.round(0.4 * 10);
        long zeros = 0;
        for (float v : occluded) {
            zeros += v == 0f ? 1 : 0;
        }
        assertThat(zeros).isEqualTo((long) side * side * 3);
    }

    @Test
    void shouldRefuseImageCorruptionsOnFlatSamples() {
        assertThatThrownBy(() -> Corruption.BLUR.apply(new float[5], 1, SampleGeometry.flat(5),
                InputBounds.uniform(5, 0, 1), new SplittableRandom(0))).hasMessageContaining("image-shaped");
    }
}
