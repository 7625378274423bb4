package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.secmlops.core.run.Cancellation;

/** The learners and detectors stop soon after the thread that runs the check is interrupted. */
class DataCheckCancellationTest {
    @Test
    void shouldStopTheLearnersWithinASecondOfAnInterrupt() throws Exception {
        int n = 60_000;
        int d = 32;
        SplittableRandom random = new SplittableRandom(5);
        float[][] x = new float[n][d];
        int[] y = new int[n];
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(10);
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (random.nextGaussian() + (j % 10 == y[i] ? 1.5 : 0));
            }
            ids.add("line " + (i + 2));
        }
        DataTable table = new DataTable("random", ids, x, y, new int[] {d}, false);
        CountDownLatch embedded = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread check = new Thread(() -> {
            try {
                new DataCheck(DataCheckOptions.defaults(), line -> {
                    if (line.startsWith("embedding:")) {
                        embedded.countDown();
                    }
                }).run(table, null, null, null);
                outcome.set(new AssertionError("the check finished although it was interrupted"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        check.start();

        assertThat(embedded.await(120, TimeUnit.SECONDS)).as("the learners started").isTrue();
        long interrupted = System.nanoTime();
        check.interrupt();
        check.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(check.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interrupted)).isLessThan(2000);
        assertThat(outcome.get()).isInstanceOf(Cancellation.CancelledException.class);
    }
}
