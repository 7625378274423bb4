package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each invalid setting is refused with a message that names it. */
class RobustnessConfigTest {
    private static RobustnessConfig config(int maxSamples, int batchSize, int examples) {
        return new RobustnessConfig(List.of(new Fgsm(Norm.LINF)), List.of(0.1), List.of(), List.of(), null, 1,
                maxSamples, batchSize, examples);
    }

    @Test
    void shouldNameTheSettingThatIsOutOfRange() {
        assertThatThrownBy(() -> config(0, 64, 3)).hasMessageContaining("max samples");
        assertThatThrownBy(() -> config(100, 0, 3)).hasMessageContaining("batch size");
        assertThatThrownBy(() -> config(100, 64, -1)).hasMessageContaining("example pairs").hasMessageContaining("-1");
        assertThatThrownBy(() -> new RobustnessConfig(List.of(new Fgsm(Norm.LINF)), List.of(0.1, Double.NaN),
                List.of(), List.of(), null, 1, 100, 64, 3)).hasMessageContaining("epsilons");
    }
}
