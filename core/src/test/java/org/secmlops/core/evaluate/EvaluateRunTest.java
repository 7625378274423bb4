package org.secmlops.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.run.Measurement;
import org.secmlops.testsupport.ExternalData;

/**
 * {@link EvaluateRun} end to end on real data: scikit-learn's digits (pixels 0..16) and the committed TorchScript MLP,
 * whose weights are also available in plain Java, so the clean accuracy is computed here without the engine.
 */
class EvaluateRunTest {
    private static final int DIGITS = 1797;

    private final List<String> progress = new ArrayList<>();

    private static DataSpec digits() {
        return DataSpec.of(ExternalData.digitsCsv()).withLabelColumn("-1").withHeader(false);
    }

    private static PreprocessingSpec sixteenths() {
        return PreprocessingSpec.builder().scale(1 / 16f).build();
    }

    @Test
    void shouldEvaluateTheModelToTheAccuracyOfItsWeights() throws Exception {
        EvaluateRequest request = EvaluateRequest.builder(ModelSpec.of(ModelTestAccess.digitsMlpTorchScript()),
                digits()).preprocessing(sixteenths()).batchSize(100).build();

        Measurement measurement = EvaluateRun.run(request, progress::add);

        assertThat(measurement.metrics().get(EvaluateCapability.ACCURACY))
                .isEqualTo(ModelTestAccess.digitsMlpAccuracy(DIGITS));
        assertThat(progress.get(0)).startsWith("data: ");
    }
}
