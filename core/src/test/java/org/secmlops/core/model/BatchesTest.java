package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class BatchesTest {
    @Test
    void shouldConcatenateRowsIntoADirectNativeOrderBuffer() throws Exception {
        ByteBuffer buffer = Batches.direct(null, new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}});

        assertThat(buffer.isDirect()).isTrue();
        assertThat(buffer.order()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(buffer.position()).isZero();
        assertThat(buffer.remaining()).isEqualTo(6 * Float.BYTES);
        assertThat(floats(buffer)).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
        assertThat(floats(buffer)).containsExactly(Batches.flatten(new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}}));
    }

    @Test
    void shouldReuseTheBufferWhenTheBatchFitsAndGrowItOtherwise() throws Exception {
        ByteBuffer first = Batches.direct(null, new float[][] {{1f, 2f, 3f}, {4f, 5f, 6f}});

        ByteBuffer smaller = Batches.direct(first, new float[][] {{7f, 8f}});
        assertThat(smaller).isSameAs(first);
        assertThat(smaller.position()).isZero();
        assertThat(smaller.remaining()).isEqualTo(2 * Float.BYTES);
        assertThat(floats(smaller)).containsExactly(7f, 8f);

        ByteBuffer larger = Batches.direct(smaller, new float[][] {{1f, 1f, 1f, 1f}, {2f, 2f, 2f, 2f}});
        assertThat(larger).isNotSameAs(first);
        assertThat(floats(larger)).containsExactly(1f, 1f, 1f, 1f, 2f, 2f, 2f, 2f);
    }

    @Test
    void shouldRejectRaggedAndEmptyBatchesAsFlattenDoes() {
        assertThatThrownBy(() -> Batches.direct(null, new float[][] {{1f, 2f}, {3f}}))
                .isInstanceOf(ModelException.class).hasMessage("Sample 1 of the batch has 1 values, sample 0 has 2");
        assertThatThrownBy(() -> Batches.direct(null, new float[0][])).isInstanceOf(ModelException.class)
                .hasMessage("Empty batch");
    }

    private static float[] floats(ByteBuffer buffer) {
        FloatBuffer view = buffer.duplicate().order(buffer.order()).asFloatBuffer();
        float[] out = new float[view.remaining()];
        view.get(out);
        return out;
    }
}
