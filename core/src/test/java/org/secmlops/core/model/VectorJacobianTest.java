package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector–Jacobian product on the digits MLP: with the upstream softmax(logits) − one-hot(label) it is the
 * cross-entropy's input gradient, which the engines and the analytic gradient already agree on; with any other
 * upstream it is linear in it.
 */
class VectorJacobianTest {
    @TempDir
    static Path dir;
    static Digits digits;
    static DigitsMlp mlp;
    static Path savedModel;
    static Path torchScript;
    static Path onnx;
    static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void writeModels() throws IOException {
        digits = Digits.load();
        mlp = DigitsMlp.committed();
        savedModel = SavedModels.writeMlp(dir.resolve("saved"), mlp);
        onnx = OnnxModels.writeMlp(dir.resolve("onnx/model.onnx"), mlp);
        torchScript = dir.resolve("torch/digits-mlp.pt");
        Files.createDirectories(torchScript.getParent());
        try (InputStream in = VectorJacobianTest.class.getResourceAsStream("digits-mlp.pt")) {
            Files.copy(in, torchScript);
        }
    }

    static LoadedModel load(Path model) throws ModelException {
        return new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::add), progress::add)
                .load(ModelSpec.of(model));
    }

    @Test
    void withTheCrossEntropysUpstreamItShouldBeTheAnalyticInputGradient() throws Exception {
        float[][] batch = digits.rows(200, 205);
        int[] labels = digits.labels(200, 205);
        for (Path model : List.of(savedModel, torchScript)) {
            try (LoadedModel loaded = load(model)) {
                assertThat(loaded.supportsVectorJacobian()).isTrue();
                OutputsAndGradient result = loaded.vectorJacobian(batch, outputs -> {
                    float[][] u = new float[outputs.length][];
                    for (int i = 0; i < outputs.length; i++) {
                        u[i] = Softmax.of(outputs[i]);
                        u[i][labels[i]] -= 1;
                    }
                    return u;
                });
                assertThat(result.outputs()).isDeepEqualTo(loaded.predict(batch));
                for (int i = 0; i < batch.length; i++) {
                    double[] expected = mlp.inputGradient(batch[i], labels[i]);
                    for (int k = 0; k < DigitsMlp.INPUTS; k++) {
                        assertThat((double) result.gradient()[i][k]).as("%s sample %d pixel %d", model, i, k)
                                .isCloseTo(expected[k], within(1e-5 + 1e-4 * Math.abs(expected[k])));
                    }
                }
            }
        }
    }

    @Test
    void itShouldBeLinearInTheUpstreamAndZeroForAZeroUpstream() throws Exception {
        float[][] batch = digits.rows(0, 2);
        for (Path model : List.of(savedModel, torchScript)) {
            try (LoadedModel loaded = load(model)) {
                float[][] one = loaded.vectorJacobian(batch, out -> upstream(out, 1f)).gradient();
                float[][] three = loaded.vectorJacobian(batch, out -> upstream(out, 3f)).gradient();
                float[][] zero = loaded.vectorJacobian(batch, out -> upstream(out, 0f)).gradient();
                for (int i = 0; i < batch.length; i++) {
                    for (int k = 0; k < one[i].length; k++) {
                        assertThat(three[i][k]).isCloseTo(3 * one[i][k], within(1e-5f + 1e-5f * Math.abs(one[i][k])));
                        assertThat(zero[i][k]).isZero();
                    }
                }
                assertThatThrownBy(() -> loaded.vectorJacobian(batch, out -> new float[][] {new float[3]}))
                        .isInstanceOf(ModelException.class).hasMessageContaining("rows for 2 outputs");
            }
        }
        try (LoadedModel ort = load(onnx)) {
            assertThat(ort.supportsVectorJacobian()).isFalse();
            assertThatThrownBy(() -> ort.vectorJacobian(batch, out -> out))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    private static float[][] upstream(float[][] outputs, float scale) {
        float[][] u = new float[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            u[i] = new float[outputs[i].length];
            for (int c = 0; c < u[i].length; c++) {
                u[i][c] = scale * (c % 3 - 1);
            }
        }
        return u;
    }
}
