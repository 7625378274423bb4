package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PcaTest {
    @Test
    void orthonormalizeShouldReplaceCollapsedVectorsByAxesNotYetSpanned() {
        double[][] v = {{1, 0, 0, 0}, {2, 0, 0, 0}, {1, 1, 0, 0}, {0, 1, 0, 0}};

        Pca.orthonormalize(v);

        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                assertThat(Linear.dot(v[a], v[b])).as("%d.%d", a, b).isCloseTo(a == b ? 1 : 0, within(1e-9));
            }
        }
    }

    @Test
    void shouldFitAsManyComponentsAsColumnsWhenSomeColumnsAreConstant() {
        float[][] x = new float[50][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[] {i % 7, 0, (i * 3) % 11, 0, 5};
        }

        float[][] projected = Pca.fit(x, 5, 1).project(x);

        assertThat(projected).hasNumberOfRows(50);
        assertThat(projected[0]).hasSize(5);
        assertThatThrownBy(() -> Pca.orthonormalize(new double[3][2])).isInstanceOf(IllegalArgumentException.class);
    }
}
