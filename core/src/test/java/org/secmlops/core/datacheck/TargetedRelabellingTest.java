package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TargetedRelabellingTest {
    /** A label detector's verdict: the given samples flagged with the given suggestion. */
    private static DetectorResult labelIssues(int n, int[] samples, int[] suggestions) {
        boolean[] flagged = new boolean[n];
        int[] suggested = DetectorResult.none(n);
        double[] scores = new double[n];
        for (int r = 0; r < samples.length; r++) {
            flagged[samples[r]] = true;
            suggested[samples[r]] = suggestions[r];
            scores[samples[r]] = 0.9;
        }
        return new DetectorResult("labels", "test", scores, flagged, suggested);
    }

    @Test
    void shouldFlagManySamplesCarriedOneWayFromOneClassIntoAnother() {
        int[] labels = Synthetic.labels(3, 100);
        // 25 samples of class 0 look like class 2, 1 sample of class 2 looks like class 0: 25 >= 10 x (1 + 1)
        int[] samples = IntStream.concat(IntStream.range(0, 25), IntStream.of(250)).toArray();
        int[] suggestions = IntStream.concat(IntStream.generate(() -> 2).limit(25), IntStream.of(0)).toArray();

        DetectorResult result = TargetedRelabelling.detect(labels, 3, List.of(labelIssues(300, samples, suggestions)));

        assertThat(IntStream.range(0, 300).filter(i -> result.flagged()[i]).toArray())
                .containsExactly(IntStream.range(0, 25).toArray());
        assertThat(result.suggested()[0]).isEqualTo(2);
    }

    @Test
    void shouldNotFlagConfusionThatRunsBothWays() {
        int[] labels = Synthetic.labels(2, 100);
        // 12 samples of class 0 look like class 1 and 10 of class 1 look like class 0
        int[] samples = IntStream.concat(IntStream.range(0, 12), IntStream.range(100, 110)).toArray();
        int[] suggestions = IntStream.concat(IntStream.generate(() -> 1).limit(12), IntStream.generate(() -> 0)
                .limit(10)).toArray();

        DetectorResult result = TargetedRelabelling.detect(labels, 2, List.of(labelIssues(200, samples, suggestions)));

        assertThat(result.flaggedCount()).isZero();
    }

    @Test
    void shouldNotFlagAFewSamples() {
        int[] labels = Synthetic.labels(2, 100);
        int[] samples = IntStream.range(0, 7).toArray();

        DetectorResult result = TargetedRelabelling.detect(labels, 2,
                List.of(labelIssues(200, samples, IntStream.generate(() -> 1).limit(7).toArray())));

        assertThat(result.flaggedCount()).isZero();
    }

    @Test
    void shouldAlsoFlagSamplesOfAnEstablishedPairThatLookMostLikeAClassNearTheSource() {
        int[] labels = Synthetic.labels(4, 100);
        int[] samples = IntStream.range(0, 25).toArray();
        DetectorResult issues = labelIssues(400, samples, IntStream.generate(() -> 2).limit(25).toArray());
        float[][] p = new float[400][];
        for (int i = 0; i < 400; i++) {
            p[i] = new float[4];
            p[i][labels[i]] = 1;
        }
        p[30] = new float[] {0.1f, 0f, 0.3f, 0.6f};   // source second, above its label: flagged
        p[31] = new float[] {0.4f, 0f, 0.35f, 0.25f}; // source second, below its label: not flagged
        p[32] = new float[] {0.1f, 0.5f, 0f, 0.4f};   // source neither first nor second: not flagged

        DetectorResult result = TargetedRelabelling.detect(labels, 4, List.of(issues), p, "test");

        assertThat(IntStream.range(0, 400).filter(i -> result.flagged()[i]).toArray())
                .containsExactly(IntStream.rangeClosed(0, 25).map(i -> i < 25 ? i : 30).toArray());
        assertThat(result.suggested()[30]).isEqualTo(2);
    }
}
