package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureMatrixBuilderTest {
    @TempDir
    Path scratch;

    private static float[] row(int i) {
        return new float[] {i, -i * 0.5f, Float.MIN_VALUE, i == 3 ? -0f : 1e30f};
    }

    private long files() throws IOException {
        try (Stream<Path> list = Files.list(scratch)) {
            return list.count();
        }
    }

    @Test
    void shouldKeepRowsOnTheHeapWithinTheBudget() throws IOException {
        try (FeatureMatrixBuilder builder = new FeatureMatrixBuilder(4, 1 << 20, scratch)) {
            for (int i = 0; i < 10; i++) {
                builder.add(row(i));
            }
            FeatureMatrix matrix = builder.build();

            assertThat(matrix.offHeap()).isFalse();
            assertThat(matrix.row(7)).containsExactly(row(7));
        }
        assertThat(files()).isZero();
    }

    @Test
    void shouldReadBackEveryValueFromTheMappedFileAndDeleteIt() throws IOException {
        FeatureMatrix matrix;
        try (FeatureMatrixBuilder builder = new FeatureMatrixBuilder(4, 3 * 4 * Float.BYTES, scratch)) {
            for (int i = 0; i < 1000; i++) {
                builder.add(row(i));
            }
            matrix = builder.build();
            assertThat(files()).isZero();
        }

        assertThat(matrix.offHeap()).isTrue();
        assertThat(matrix.size()).isEqualTo(1000);
        assertThat(matrix.width()).isEqualTo(4);
        for (int i = 0; i < 1000; i++) {
            assertThat(matrix.row(i)).containsExactly(row(i));
        }
        assertThat(Float.floatToRawIntBits(matrix.value(3, 3))).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThatThrownBy(() -> matrix.row(1000)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldDeleteTheScratchFileWhenReadingStopsEarly() throws IOException {
        try (FeatureMatrixBuilder builder = new FeatureMatrixBuilder(4, 16, scratch)) {
            builder.add(row(1));
            builder.add(row(2));
            assertThat(files()).isEqualTo(1);
        }
        assertThat(files()).isZero();
    }
}
