package org.secmlops.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.run.Measurement;
import org.secmlops.testsupport.ExternalData;

/**
 * The case study's detector on its 19 hand-checked frames: AP@0.5 and MR⁻² equal those of the independent NumPy
 * implementation {@code casestudy/pedestrian/reference_metrics.py} (0.9376 and 0.3383, printed to four places).
 */
class PedestrianCaseStudyTest {
    @Test
    void apAndLogAverageMissRateShouldEqualTheIndependentReference() throws Exception {
        Path caseStudy = ExternalData.pedestrianCaseStudy();
        DetectionRequest request = DetectionRequest.builder(ModelSpec.of(caseStudy.resolve("detector.pt")),
                        DetectionDataSpec.of(caseStudy.resolve("test.json")), DetectionLayout.YOLOV5)
                .preprocessing(PreprocessingSpec.builder().inputRange(0f, 1f).build()).build();

        Measurement m = DetectionRun.run(request, line -> { });

        assertThat(DetectionCapability.report(m.details()).truths()).isEqualTo(131);
        assertThat(m.metrics().get(DetectionCapability.DETECTION_AP50)).isCloseTo(0.9376, within(5e-5));
        assertThat(m.metrics().get(DetectionCapability.LOG_AVERAGE_MISS_RATE)).isCloseTo(0.3383, within(5e-5));
    }
}
