package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.robustness.AttackTarget;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.Norm;
import org.secmlops.core.robustness.SampleGeometry;
import org.secmlops.core.robustness.SquareAttack;
import org.secmlops.core.run.Cancellation;
import org.secmlops.core.run.Measurement;

/**
 * A live monitor following a digits traffic log while the test appends to it: a client running the project's own
 * Square Attack among benign clients is alerted on within a second of the query that flags it, no benign client is,
 * bad lines are alerted on, and the monitor stops on its limits or an interrupt with its state saved. Waits are
 * polls with deadlines on what the monitor reports, never sleeps.
 */
class FollowRunTest {
    private static final String ATTACKER = "203.0.113.7";
    private static final long DEADLINE_SECONDS = 30;
    private static List<TrafficFile.Event> attackQueries;

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    /** Records what the monitor tells, with the time it was told. */
    private static final class Recorder implements FollowListener {
        final List<MonitorAlert> alerts = new CopyOnWriteArrayList<>();
        final Map<String, Long> alertNanos = new ConcurrentHashMap<>();
        final AtomicLong requests = new AtomicLong();
        volatile Map<String, Double> window = Map.of();

        @Override
        public void alert(MonitorAlert alert) {
            alertNanos.put(alert.kind() + ":" + alert.line(), System.nanoTime());
            alerts.add(alert);
        }

        @Override
        public void request(boolean valid) {
            requests.incrementAndGet();
        }

        @Override
        public void window(long records, Map<String, Double> metrics) {
            window = metrics;
        }
    }

    @BeforeAll
    static void runTheAttack() throws Exception {
        attackQueries = new ArrayList<>();
        float[][] x = DigitsTraffic.served();
        int[] y = DigitsTraffic.servedLabels();
        DigitsTraffic.ServedModel model = new DigitsTraffic.ServedModel(
                (input, output) -> attackQueries.add(new TrafficFile.Event(ATTACKER, input, output, -1)));
        new SquareAttack(Norm.LINF, 100).perturb(new AttackTarget(model, InputBounds.uniform(64, 0, 1),
                new SampleGeometry(1, 8, 8, false)), Arrays.copyOf(x, 2), Arrays.copyOf(y, 2), 0.1,
                new SplittableRandom(7));
    }

    @AfterEach
    void stopTheMonitor() {
        executor.shutdownNow();
    }

    private MonitorRequest request(Path log, DataSpec reference) {
        return MonitorRequest.builder(log, reference).state(dir.resolve("monitor.state"))
                .referenceCache(dir.resolve("reference.cache")).build();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %d s for %s", DEADLINE_SECONDS, what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private static void append(Path log, String text) throws Exception {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void shouldAlertOnTheAttackerWithinASecondAndOnNoBenignClient() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        List<String> lines = new TrafficFile().addAll(DigitsTraffic.interleave(List.of(DigitsTraffic.benign(20, 15, 41),
                attackQueries), 42)).raw("{\"input\": [1, 2]}").lines();
        Path log = Files.createFile(dir.resolve("traffic.jsonl"));
        Recorder recorder = new Recorder();
        Future<Measurement> running = executor.submit(() -> FollowRun.follow(new FollowRequest(request(log, reference),
                lines.size(), null, false, FollowRequest.DEFAULT_POLL), recorder, p -> { }));

        long[] appended = new long[lines.size() + 1];
        for (int i = 0; i < lines.size(); i += 25) {
            int end = Math.min(lines.size(), i + 25);
            append(log, String.join("\n", lines.subList(i, end)) + "\n");
            long now = System.nanoTime();
            for (int line = i + 1; line <= end; line++) {
                appended[line] = now;
            }
            long expected = end;
            await("lines up to " + end + " decided", () -> recorder.requests.get() >= expected || running.isDone());
        }
        Measurement m = running.get(DEADLINE_SECONDS, TimeUnit.SECONDS);

        assertThat(attackQueries).hasSizeGreaterThan(100);
        List<MonitorAlert> attacks = recorder.alerts.stream().filter(a -> a.kind().equals(MonitorAlert.ATTACK_CLIENT))
                .toList();
        assertThat(attacks).singleElement().satisfies(a -> {
            assertThat(a.client()).isEqualTo(ATTACKER);
            assertThat(a.closeQueries()).isGreaterThanOrEqualTo(AttackDetector.CLOSE_QUERIES_TO_FLAG);
            assertThat(a.jsonLine()).startsWith("{\"alert\":\"attack_client\"").contains("\"client\":\"" + ATTACKER)
                    .doesNotContain("\n");
            long latency = recorder.alertNanos.get(a.kind() + ":" + a.line()) - appended[(int) a.line()];
            assertThat(Duration.ofNanos(latency)).isLessThan(Duration.ofSeconds(1));
        });
        assertThat(recorder.alerts).filteredOn(a -> a.kind().equals(MonitorAlert.BAD_RECORD)).singleElement()
                .satisfies(a -> {
                    assertThat(a.line()).isEqualTo(lines.size());
                    assertThat(a.reason()).isEqualTo("input has 2 values, the reference 64");
                });
        assertThat(m.metrics().get(MonitorCapability.ATTACK_CLIENTS)).isEqualTo(1.0);
        assertThat(MonitorCapability.report(m.details()).records()).isEqualTo(lines.size() - 1);
        assertThat(dir.resolve("monitor.state")).isNotEmptyFile();
    }

    @Test
    void shouldStopOnAnInterruptWithTheStateSaved() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        Path log = new TrafficFile().addAll(DigitsTraffic.benign(5, 20, 43)).write(dir.resolve("traffic.jsonl"));
        Recorder recorder = new Recorder();
        Future<Measurement> running = executor.submit(() -> FollowRun.follow(
                FollowRequest.untilStopped(request(log, reference)), recorder, p -> { }));
        await("the existing lines decided", () -> recorder.requests.get() == 100);
        await("a metrics snapshot", () -> !recorder.window.isEmpty());

        running.cancel(true);
        executor.shutdown();

        assertThat(executor.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("monitor.state")).isNotEmptyFile();
        assertThat(recorder.window).containsKeys(MonitorCapability.INPUT_DRIFT_PSI, MonitorCapability.ATTACK_CLIENTS);
        assertThat(recorder.alerts).noneMatch(a -> a.kind().equals(MonitorAlert.ATTACK_CLIENT)
                || a.kind().equals(MonitorAlert.BAD_RECORD));
    }

    @Test
    void shouldReportTheCancellationToTheCaller() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        Path log = new TrafficFile().addAll(DigitsTraffic.benign(2, 10, 44)).write(dir.resolve("traffic.jsonl"));
        Recorder recorder = new Recorder();
        Thread caller = Thread.currentThread();
        Future<?> interrupter = executor.submit(() -> {
            await("the lines decided", () -> recorder.requests.get() == 20);
            caller.interrupt();
            return null;
        });

        assertThatThrownBy(() -> FollowRun.follow(FollowRequest.untilStopped(request(log, reference)), recorder,
                p -> { })).isInstanceOf(Cancellation.CancelledException.class);
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        interrupter.get();
        assertThat(dir.resolve("monitor.state")).isNotEmptyFile();
    }

    @Test
    void shouldStopAfterItsDurationAndCallNoRecordAnInputError() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        Path log = Files.writeString(dir.resolve("traffic.jsonl"), "not json\n");

        assertThatThrownBy(() -> FollowRun.follow(new FollowRequest(request(log, reference), 0,
                Duration.ofMillis(300), false, FollowRequest.DEFAULT_POLL), new Recorder(), p -> { }))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No valid record arrived").hasMessageContaining("line 1: not valid JSON");
    }
}
