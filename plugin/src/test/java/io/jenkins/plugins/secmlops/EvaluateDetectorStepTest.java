package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluateDetectorStepTest {
    @Test
    void shouldPassEverySetOptionToTheWorkerAndNothingElse() {
        EvaluateDetectorStep step = new EvaluateDetectorStep("detector.pt", "frames/annotations.json", "yolov5");
        assertThat(step.workerArguments()).containsExactly("evaluate-detector", "--model", "detector.pt", "--data",
                "frames/annotations.json", "--detection-layout", "yolov5");
        step.setAttacks(List.of("pgd, patch", "fog"));
        step.setImageSize("384,288");
        step.setLetterbox(true);
        step.setInputRange("0,1");
        step.setScoreThreshold(0.4);
        step.setSeverities(List.of(1, 5));
        step.setPatchSize(0.25);
        step.setSeed(3L);
        assertThat(step.workerArguments()).containsSubsequence("--attack", "pgd,patch,fog")
                .containsSubsequence("--image-size", "384,288").contains("--letterbox")
                .containsSubsequence("--input-range", "0,1")
                .containsSubsequence("--score-threshold", "0.4").containsSubsequence("--patch-size", "0.25")
                .containsSubsequence("--severities", "1,5").containsSubsequence("--seed", "3")
                .doesNotContain("--allow-unsafe-model", "--classes");
        assertThat(step.capability().id()).isEqualTo("detection");
    }

    @Test
    void shouldNameWhatIsMissing() {
        assertThatThrownBy(() -> new EvaluateDetectorStep("detector.pt", " ", "yolov5").workerArguments())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evaluateDetector needs model");
    }
}
