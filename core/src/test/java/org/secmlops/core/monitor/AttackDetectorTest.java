package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stateful detector's bookkeeping on a 2-value identity embedding. */
class AttackDetectorTest {
    private static final Embedding IDENTITY = new Embedding(new float[] {0, 0}, new float[][] {{1, 0}, {0, 1}});

    private static TrafficRecord query(String client, float x, float y) {
        return new TrafficRecord(1, "t", client, new float[] {x, y}, null, -1);
    }

    @Test
    void shouldScoreAQueryByItsNearestBufferedQueriesOnceEnoughAreBuffered() {
        ClientHistory history = new ClientHistory(2);
        for (int i = 0; i < 9; i++) {
            history.remember(new float[] {i, 0}, AttackDetector.BUFFER);
        }
        assertThat(history.meanNearestDistance(new float[] {0, 0}, 10)).isNaN();
        history.remember(new float[] {100, 0}, AttackDetector.BUFFER);
        // distances 0..8 and 100: the mean of all ten
        assertThat(history.meanNearestDistance(new float[] {0, 0}, 10)).isEqualTo((36 + 100) / 10.0);
        assertThat(history.meanNearestDistance(new float[] {0, 0}, 3)).isEqualTo((0 + 1 + 2) / 3.0);
    }

    @Test
    void shouldOverwriteTheOldestQueryWhenTheBufferIsFull() {
        ClientHistory history = new ClientHistory(2);
        for (int i = 0; i < 5; i++) {
            history.remember(new float[] {i, 0}, 4);
        }
        assertThat(history.size).isEqualTo(4);
        // 0 was overwritten by 4: the nearest to 0 is now 1
        assertThat(history.meanNearestDistance(new float[] {0, 0}, 1)).isEqualTo(1.0);
    }

    @Test
    void shouldFlagAClientAfterThreeCloseQueriesAndKeepBenignOnesClear() {
        AttackDetector detector = new AttackDetector(IDENTITY, 0.5, 100);
        for (int i = 0; i < 20; i++) {
            detector.observe(query("benign", i * 3, i % 2 * 3));
            detector.observe(query("prober", 1 + i * 0.001f, 1));
        }
        assertThat(detector.flagged()).singleElement().satisfies(c -> {
            assertThat(c.client()).isEqualTo("prober");
            assertThat(c.firstFlaggedQuery()).isEqualTo(AttackDetector.NEIGHBOURS + AttackDetector.CLOSE_QUERIES_TO_FLAG);
            assertThat(c.queriesSeen()).isEqualTo(20);
            assertThat(c.closeQueries()).isEqualTo(20 - AttackDetector.NEIGHBOURS);
        });
    }

    @Test
    void shouldForgetTheLeastRecentlySeenClientBeyondTheLimit() {
        AttackDetector detector = new AttackDetector(IDENTITY, 0.5, 3);
        detector.observe(query("a", 0, 0));
        detector.observe(query("b", 0, 0));
        detector.observe(query("c", 0, 0));
        detector.observe(query("a", 1, 0));
        detector.observe(query("d", 0, 0));

        assertThat(detector.clients().keySet()).containsExactly("c", "a", "d");
        detector.observe(query("", 0, 0));
        assertThat(detector.clients()).hasSize(3).doesNotContainKey("");
    }
}
