package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.run.Measurement;
import org.secmlops.testsupport.ExternalData;

/**
 * {@link RobustnessRun} end to end on real data: scikit-learn's digits (pixels 0..16) and the committed TorchScript MLP,
 * whose weights are also available in plain Java, so the clean accuracy is computed here without the engine.
 */
class RobustnessRunTest {
    private static final int SAMPLES = 200;
    private static final int DIGITS = 1797;

    private final List<String> progress = new ArrayList<>();

    private static DataSpec digits() {
        return DataSpec.of(ExternalData.digitsCsv()).withLabelColumn("-1").withHeader(false);
    }

    private static PreprocessingSpec sixteenths() {
        return PreprocessingSpec.builder().scale(1 / 16f).build();
    }

    @Test
    void shouldAttackTheModelWithinTheRangeObservedInTheData() throws Exception {
        AttackSettings settings = new AttackSettings(Norm.LINF, 10, 0.25, true, 1, 100, 32);
        AttackSelection selection = AttackSelection.parse(List.of("fgsm", "pgd"), settings);
        RobustnessConfig config = RobustnessConfig.builder().attacks(selection.attacks())
                .epsilons(List.of(0.05, 0.2)).maxSamples(SAMPLES).build();
        RobustnessRequest request = RobustnessRequest.builder(ModelSpec.of(ModelTestAccess.digitsMlpTorchScript()),
                digits(), config).preprocessing(sixteenths()).build();

        Measurement measurement = RobustnessRun.run(request, progress::add);

        double clean = ModelTestAccess.digitsMlpAccuracy(SAMPLES);
        assertThat(measurement.metrics().get(RobustnessCapability.CLEAN_ACCURACY)).isEqualTo(clean);
        assertThat(measurement.metrics().get(RobustnessCapability.ROBUST_ACCURACY)).isLessThan(clean);
        assertThat(measurement.metrics().get(RobustnessCapability.ROBUST_ACCURACY_DROP)).isCloseTo(
                clean - measurement.metrics().get(RobustnessCapability.ROBUST_ACCURACY),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(measurement.metrics()).containsEntry(RobustnessCapability.VALIDITY_FLAGS, 0.0);
        assertThat(measurement.details().path("validRangeSource").asText())
                .isEqualTo("observed in the first " + DIGITS + " samples of the data (give --valid-range LOW,HIGH"
                        + " to set it)");
        assertThat(measurement.details().path("robustness").path("inputRange").asText()).isEqualTo("[0.0, 1.0]");
        assertThat(measurement.details().path("robustness").path("attacks")).hasSize(4);
        assertThat(progress).contains("valid input range [0.0, 1.0]; samples as 1 x 1 x 64 vectors");
        assertThat(progress.get(0)).startsWith("data: ");
    }
}
