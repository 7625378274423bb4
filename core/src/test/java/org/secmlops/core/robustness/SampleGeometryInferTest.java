package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.data.Layout;

class SampleGeometryInferTest {
    @Test
    void shouldTakeThePreprocessedShapeUnlessAShapeIsDeclared() {
        assertThat(SampleGeometry.infer(new int[] {28, 28, 3}, List.of(), null))
                .isEqualTo(new SampleGeometry(3, 28, 28, false));
        assertThat(SampleGeometry.infer(new int[] {3, 28, 28}, List.of(), Layout.NCHW))
                .isEqualTo(new SampleGeometry(3, 28, 28, true));
        assertThat(SampleGeometry.infer(new int[] {784}, List.of(1, 28, 28), Layout.NCHW))
                .isEqualTo(new SampleGeometry(1, 28, 28, true));
        assertThat(SampleGeometry.infer(new int[] {64}, null, null)).isEqualTo(SampleGeometry.flat(64));
    }

    @Test
    void shouldRefuseADeclaredShapeOfAnotherSize() {
        assertThatThrownBy(() -> SampleGeometry.infer(new int[] {64}, List.of(1, 28, 28), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--input-shape [1, 28, 28] holds 784 values; the samples have 64");
    }
}
