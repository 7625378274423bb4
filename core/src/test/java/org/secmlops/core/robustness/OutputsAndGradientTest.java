package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.model.OutputsAndGradient;

/** The one-call outputs and gradient the attacks use agree with the separate calls, per engine. */
class OutputsAndGradientTest {
    @TempDir
    Path dir;

    private static void assertAgrees(LoadedModel model) throws Exception {
        float[][] x = ModelTestAccess.digits(0, 16);
        int[] y = ModelTestAccess.digitLabels(0, 16);

        OutputsAndGradient both = model.outputsAndGradient(x, y);

        assertThat(both.outputs()).isDeepEqualTo(model.predict(x));
        assertThat(both.gradient()).isDeepEqualTo(model.inputGradient(x, y));
    }

    @Test
    void shouldAgreeOnTensorFlow() throws Exception {
        try (LoadedModel model = Models.load(TestGraphs.digitsMlp(dir.resolve("tf"), TestGraphs.Variant.PLAIN))) {
            assertAgrees(model);
        }
    }

    @Test
    void shouldAgreeOnPyTorch() throws Exception {
        Path torch = dir.resolve("digits-mlp.pt");
        try (InputStream in = getClass().getResourceAsStream("/org/secmlops/core/model/digits-mlp.pt")) {
            Files.copy(in, torch);
        }
        try (LoadedModel model = Models.load(torch)) {
            assertAgrees(model);
        }
    }
}
