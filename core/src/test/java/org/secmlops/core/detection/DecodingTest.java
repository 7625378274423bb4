package org.secmlops.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecodingTest {
    @Test
    void iouShouldBeIntersectionOverUnion() {
        // overlap 5 x 10 = 50, union 100 + 100 - 50 = 150
        assertThat(Box.truth(0, 0, 10, 10, 0).iou(Box.truth(5, 0, 15, 10, 0))).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Box.truth(0, 0, 10, 10, 0).iou(Box.truth(10, 0, 20, 10, 0))).isZero();
        assertThatThrownBy(() -> Box.truth(5, 0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nmsShouldSuppressOverlapsWithinAClassOnly() {
        Box best = new Box(0, 0, 10, 10, 0.9f, 0);
        Box overlapping = new Box(1, 0, 11, 10, 0.8f, 0); // IoU 90 / 110 = 0.82
        Box otherClass = new Box(1, 0, 11, 10, 0.7f, 1);
        Box apart = new Box(20, 0, 30, 10, 0.6f, 0);
        assertThat(Nms.suppress(List.of(apart, overlapping, otherClass, best), 0.45, 100))
                .containsExactly(best, otherClass, apart);
        assertThat(Nms.suppress(List.of(apart, overlapping, best), 0.9, 100)).containsExactly(best, overlapping, apart);
        assertThat(Nms.suppress(List.of(apart, overlapping, best), 0.45, 1)).containsExactly(best);
    }

    @Test
    void yolov5ShouldScoreObjectnessTimesTheBestClass() {
        DetectionDecoder decoder = new DetectionDecoder(DetectionLayout.YOLOV5, 2, 0.25f, 0.45f, 100);
        float[] output = {
            10, 20, 4, 8, 0.5f, 0.2f, 0.8f, // score 0.4, class 1
            30, 20, 4, 8, 0.1f, 0.9f, 0.1f, // score 0.09, class 0
        };
        List<Candidate> candidates = decoder.candidates(output, 0.05f);
        assertThat(candidates).hasSize(2);
        Candidate first = candidates.get(0);
        assertThat(first.box()).isEqualTo(new Box(8, 16, 12, 24, 0.4f, 1));
        // d score / d objectness = class probability 0.8 (index 4); d score / d class 1 = objectness 0.5 (index 6)
        assertThat(first.indices()).containsExactly(4, 6);
        assertThat(first.partials()).containsExactly(0.8f, 0.5f);
        List<Box> decoded = decoder.decode(output);
        assertThat(decoded).hasSize(2).first().isEqualTo(first.box());
        assertThat(decoded.get(1).score()).isCloseTo(0.09f, within(1e-6f));
        assertThatThrownBy(() -> decoder.candidates(new float[8], 0f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a whole number of candidates of 7 values");
    }

    @Test
    void yolov8ShouldReadCandidatesAsColumns() {
        DetectionDecoder decoder = new DetectionDecoder(DetectionLayout.YOLOV8, 1, 0.25f, 0.45f, 100);
        // [4 + 1, K = 2]: rows cx, cy, w, h, class 0
        float[] output = {10, 30, 20, 20, 4, 4, 8, 8, 0.7f, 0.2f};
        List<Candidate> candidates = decoder.candidates(output, 0.1f);
        assertThat(candidates).extracting(Candidate::box).containsExactly(new Box(8, 16, 12, 24, 0.7f, 0),
                new Box(28, 16, 32, 24, 0.2f, 0));
        assertThat(candidates.get(1).indices()).containsExactly(9);
    }

    @Test
    void boxesLayoutShouldKeepTheModelsOwnDetections() {
        DetectionDecoder decoder = new DetectionDecoder(DetectionLayout.BOXES, 1, 0.25f, 0.45f, 100);
        float[] output = {0, 0, 10, 10, 0.9f, 0, 1, 0, 11, 10, 0.8f, 0, 0, 0, 0, 0, 0, 0};
        // no NMS: the overlapping second box stays; the zero row is below the floor
        assertThat(decoder.decode(output)).containsExactly(new Box(0, 0, 10, 10, 0.9f, 0), new Box(1, 0, 11, 10, 0.8f, 0));
    }

    @Test
    void letterboxShouldScaleAndCentreBoxes() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(100, 50,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        // 100 x 50 into 40 x 40: scale 0.4, drawn 40 x 20, padded 10 above and below
        DetectionSample sample = new ImageFit(40, 40, true).apply("x", image, List.of(Box.truth(10, 5, 60, 45, 0)));
        assertThat(sample.truths()).containsExactly(Box.truth(4, 12, 24, 28, 0));
        assertThat(sample.pixels()[0]).isEqualTo(ImageFit.PAD);
        assertThat(sample.pixels()[(20 * 40 + 20) * 3]).isZero();
        DetectionSample stretched = new ImageFit(50, 100, false).apply("x", image, List.of(Box.truth(10, 5, 60, 45, 0)));
        assertThat(stretched.truths()).containsExactly(Box.truth(5, 10, 30, 90, 0));
    }
}
