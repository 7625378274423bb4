package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineFailureTest {
    @Test
    void shouldKeepTheEnginesErrorLineAndNameTheSampleShape() {
        String trace = """
                The following operation failed in the TorchScript interpreter.
                Traceback of TorchScript, serialized code (most recent call last):
                  File "code/__torch__.py", line 12, in forward
                    _0 = torch.matmul(x, w1)
                         ~~~~~~~~~~~~ <--- HERE
                RuntimeError: mat1 and mat2 shapes cannot be multiplied (20x10 and 64x16)
                """;

        ModelException failure = EngineFailure.of("PyTorch", new int[] {10}, new IllegalStateException(trace));

        assertThat(failure.getMessage()).doesNotContain("\n").startsWith("PyTorch cannot run the model on samples of"
                + " shape [10]: RuntimeError: mat1 and mat2 shapes cannot be multiplied (20x10 and 64x16)")
                .contains("check --input-shape");
    }

    @Test
    void shouldKeepAOneLineMessageAndBoundALongOne() {
        assertThat(EngineFailure.condensed("Invalid argument: bad input")).isEqualTo("Invalid argument: bad input");
        assertThat(EngineFailure.condensed("x".repeat(1000))).hasSize(301);
        assertThat(EngineFailure.condensed(null)).isEqualTo("no message");
        assertThat(EngineFailure.of("ONNX Runtime", null, new RuntimeException("session closed")).getMessage())
                .isEqualTo("ONNX Runtime cannot run the model on samples of shape ?: session closed");
    }
}
