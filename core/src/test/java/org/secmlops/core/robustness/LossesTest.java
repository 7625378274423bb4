package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The margin loss that the Square Attack and SPSA minimize. */
class LossesTest {
    @Test
    void shouldSubtractTheLargestOtherOutputFromTheLabelsOutput() {
        SplittableRandom random = new SplittableRandom(2);
        for (int n = 0; n < 1000; n++) {
            float[] outputs = new float[1 + random.nextInt(12)];
            for (int c = 0; c < outputs.length; c++) {
                outputs[c] = (float) random.nextGaussian() * 5;
            }
            int label = random.nextInt(outputs.length);
            double other = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < outputs.length; c++) {
                if (c != label && outputs[c] > other) {
                    other = outputs[c];
                }
            }
            assertThat(Losses.margin(outputs, label)).isEqualTo(outputs[label] - other);
        }
    }

    @Test
    void shouldCountTiesAsCorrectAndBreaksAsNegative() {
        assertThat(Losses.margin(new float[] {1, 3, 3}, 1)).isZero();
        assertThat(Losses.margin(new float[] {1, 2, 3}, 1)).isEqualTo(-1.0);
        assertThat(Losses.margin(new float[] {Float.NEGATIVE_INFINITY, 2}, 1)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void shouldBeUndefinedWhenAnyOutputIsNan() {
        assertThat(Losses.margin(new float[] {Float.NaN, 2, 1}, 1)).isNaN();
        assertThat(Losses.margin(new float[] {0, Float.NaN, 1}, 1)).isNaN();
        assertThat(Losses.margin(new float[] {0, 1, Float.NaN}, 0)).isNaN();
    }

    @Test
    void shouldDecideMisclassificationOnARowOfAFlatArrayAsOnTheRow() {
        SplittableRandom random = new SplittableRandom(3);
        int width = 5;
        float[] flat = new float[40 * width];
        for (int k = 0; k < flat.length; k++) {
            flat[k] = random.nextInt(4);
        }
        for (int row = 0; row < 40; row++) {
            float[] alone = java.util.Arrays.copyOfRange(flat, row * width, (row + 1) * width);
            for (int label = 0; label < width; label++) {
                assertThat(Losses.misclassified(flat, row * width, width, label)).as("row %d label %d", row, label)
                        .isEqualTo(Losses.misclassified(alone, label));
            }
        }
    }
}
