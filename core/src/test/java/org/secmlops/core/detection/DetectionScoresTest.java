package org.secmlops.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.detection.ClassDetection;

/**
 * A handful of boxes whose metrics are worked out by hand.
 *
 * <p>One class, two images, four ground-truth boxes: image A holds g1 = (0,0,10,10) and g2 = (20,0,30,10); image B
 * holds g3 = (0,0,10,10) and g4 = (40,0,50,10), which nothing detects. Five detections, ranked by score:
 * <pre>
 * rank  image  score  box            IoU with its best free truth         at IoU 0.5   above 0.5
 *  1    A      0.9    (0,0,10,10)    g1: 1                                TP           TP
 *  2    B      0.8    (50,50,60,60)  none                                 FP           FP
 *  3    A      0.7    (20,0,30,10)   g2: 1                                TP           TP
 *  4    B      0.6    (0,0,10,5)     g3: 50 / 100 = 0.5                   TP           FP
 *  5    A      0.5    (1,1,11,11)    g1 taken (81/119), g2 none           FP           FP
 * </pre>
 */
class DetectionScoresTest {
    static final ImageDetections A = new ImageDetections("a.png",
            List.of(Box.truth(0, 0, 10, 10, 0), Box.truth(20, 0, 30, 10, 0)),
            List.of(new Box(0, 0, 10, 10, 0.9f, 0), new Box(20, 0, 30, 10, 0.7f, 0), new Box(1, 1, 11, 11, 0.5f, 0)));
    static final ImageDetections B = new ImageDetections("b.png",
            List.of(Box.truth(0, 0, 10, 10, 0), Box.truth(40, 0, 50, 10, 0)),
            List.of(new Box(50, 50, 60, 60, 0.8f, 0), new Box(0, 0, 10, 5, 0.6f, 0)));

    @Test
    void shouldMatchGreedilyInScoreOrder() {
        RankedMatches at50 = RankedMatches.of(List.of(A, B), 0, 0.5);
        assertThat(at50.truePositive()).containsExactly(true, false, true, true, false);
        assertThat(at50.truths()).isEqualTo(4);
        RankedMatches at55 = RankedMatches.of(List.of(A, B), 0, 0.55);
        assertThat(at55.truePositive()).containsExactly(true, false, true, false, false);
    }

    @Test
    void allPointApShouldBeTheAreaUnderThePrecisionEnvelope() {
        // precision 1, 1/2, 2/3, 3/4, 3/5 at recall 1/4, 1/4, 2/4, 3/4, 3/4; envelope 1, 3/4, 3/4, 3/4, 3/5.
        // AP = 1/4 * 1 + 1/4 * 3/4 + 1/4 * 3/4 = 0.625
        assertThat(RankedMatches.of(List.of(A, B), 0, 0.5).allPointAveragePrecision()).isCloseTo(0.625, within(1e-12));
    }

    @Test
    void cocoApShouldAverageTheEnvelopeAt101RecallPoints() {
        // IoU 0.5: recall 0.00..0.25 (26 points) -> 1; 0.26..0.50 (25) -> 3/4; 0.51..0.75 (25) -> 3/4; 0.76..1 -> 0.
        double at50 = (26 + 50 * 0.75) / 101;
        assertThat(RankedMatches.of(List.of(A, B), 0, 0.5).cocoAveragePrecision()).isCloseTo(at50, within(1e-12));
        // IoU 0.55..0.95: TP FP TP FP FP, recall 1/4, 1/4, 2/4, 2/4, 2/4, envelope 1, 2/3, 2/3, 1/2, 2/5:
        // 0.00..0.25 (26) -> 1; 0.26..0.50 (25) -> 2/3; above -> 0.
        double above = (26 + 25 * 2.0 / 3) / 101;
        for (double iou = 0.55; iou < 0.96; iou += 0.05) {
            assertThat(RankedMatches.of(List.of(A, B), 0, iou).cocoAveragePrecision()).as("IoU %s", iou)
                    .isCloseTo(above, within(1e-12));
        }
        DetectionScores scores = DetectionScores.of(List.of(A, B), 0.55f);
        assertThat(scores.ap()).isCloseTo((at50 + 9 * above) / 10, within(1e-9));
    }

    @Test
    void logAverageMissRateShouldSampleTheCurveAtNineFppiPoints() {
        // Curve (2 images): start mr 1 fppi 0; TP mr 3/4 fppi 0; FP 3/4 @ 1/2; TP 2/4 @ 1/2; TP 1/4 @ 1/2; FP 1/4 @ 1.
        // References 10^-2 .. 10^-0.5 (seven, all below 1/2): the last point at fppi <= ref is rank 1: 3/4.
        // 10^-0.25 = 0.562: rank 4, 1/4. 10^0 = 1: rank 5, 1/4.
        double expected = Math.exp((7 * Math.log(0.75) + 2 * Math.log(0.25)) / 9);
        assertThat(RankedMatches.of(List.of(A, B), 0, 0.5).logAverageMissRate()).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(0.5875, within(1e-4));
    }

    @Test
    void precisionRecallAndMissRateShouldCountDetectionsAtTheThreshold() {
        // At 0.55: ranks 1-4 (0.9, 0.8, 0.7, 0.6): 3 TP, 1 FP.
        DetectionScores scores = DetectionScores.of(List.of(A, B), 0.55f);
        assertThat(scores.precision()).isEqualTo(0.75);
        assertThat(scores.recall()).isEqualTo(0.75);
        assertThat(scores.missRate()).isEqualTo(0.25);
        assertThat(scores.falsePositivesPerImage()).isEqualTo(0.5);
        assertThat(scores.ap50()).isCloseTo(0.625, within(1e-12));
        assertThat(scores.perClass()).singleElement().satisfies(c -> {
            assertThat(c.truths()).isEqualTo(4);
            assertThat(c.detections()).isEqualTo(4);
        });
    }

    @Test
    void overallApShouldBeTheMeanOverClassesWithGroundTruth() {
        // Class 1: one truth, found by its only detection: AP 1; the miss rate is 0 already at fppi 0, so every
        // reference reads 0, floored at 1e-10. Class 2 has a detection but no truth: not averaged.
        ImageDetections c = new ImageDetections("c.png", List.of(Box.truth(0, 0, 4, 4, 1)),
                List.of(new Box(0, 0, 4, 4, 0.9f, 1), new Box(10, 10, 14, 14, 0.9f, 2)));
        DetectionScores scores = DetectionScores.of(List.of(A, B, c), 0.55f);
        List<ClassDetection> perClass = scores.perClass();
        assertThat(perClass).extracting(ClassDetection::label).containsExactly(0, 1, 2);
        assertThat(perClass.get(1).ap50()).isEqualTo(1.0);
        assertThat(perClass.get(1).logAverageMissRate()).isCloseTo(1e-10, within(1e-15));
        assertThat(perClass.get(2).truths()).isZero();
        assertThat(scores.ap50()).isCloseTo((0.625 + 1.0) / 2, within(1e-12));
        // pooled recall: 3 of 4 in class 0 plus 1 of 1 in class 1; precision 4 TP of 6 detections
        assertThat(scores.recall()).isCloseTo(4.0 / 5, within(1e-12));
        assertThat(scores.precision()).isCloseTo(4.0 / 6, within(1e-12));
    }
}
