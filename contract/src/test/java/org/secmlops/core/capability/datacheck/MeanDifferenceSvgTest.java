package org.secmlops.core.capability.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeanDifferenceSvgTest {
    @Test
    void shouldColourPositiveDifferencesRedAndNegativeBlue() {
        assertThat(MeanDifferenceSvg.fill(1)).isEqualTo("#ff0000");
        assertThat(MeanDifferenceSvg.fill(-1)).isEqualTo("#0000ff");
        assertThat(MeanDifferenceSvg.fill(0)).isEqualTo("#ffffff");
    }
}
