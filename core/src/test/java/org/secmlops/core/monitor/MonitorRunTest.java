package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.monitor.FlaggedClient;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.monitor.MonitorReport;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.run.Measurement;

/** Monitoring windows of digits traffic against the approved digits: benign, drifted, and with attacks. */
class MonitorRunTest {
    @TempDir
    Path dir;

    private Measurement monitor(Path traffic, DataSpec reference, Path state) throws Exception {
        MonitorRequest.Builder request = MonitorRequest.builder(traffic, reference)
                .referenceCache(dir.resolve("reference.cache"));
        if (state != null) {
            request.state(state);
        }
        return MonitorRun.run(request.build(), line -> { });
    }

    private static Map<String, Double> metrics(Measurement m) {
        return m.metrics();
    }

    private static MonitorReport report(Measurement m) {
        return MonitorCapability.report(m.details());
    }

    @Test
    void shouldFindNothingInBenignWindows() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        for (long seed = 1; seed <= 2; seed++) {
            TrafficFile traffic = new TrafficFile().addAll(DigitsTraffic.benign(40, 20, seed));
            Measurement m = monitor(traffic.write(dir.resolve("benign-" + seed + ".jsonl")), reference, null);

            assertThat(metrics(m).get(MonitorCapability.INPUT_DRIFT_PSI)).as("seed %d", seed).isLessThan(0.25);
            assertThat(metrics(m).get(MonitorCapability.EMBEDDING_DRIFT_P)).as("seed %d", seed).isGreaterThan(0.005);
            assertThat(metrics(m).get(MonitorCapability.PREDICTION_DRIFT_PSI)).as("seed %d", seed).isLessThan(0.1);
            assertThat(metrics(m).get(MonitorCapability.ATTACK_CLIENTS)).isZero();
            assertThat(metrics(m).get(MonitorCapability.BAD_RECORDS)).isZero();
            assertThat(metrics(m).get(MonitorCapability.ACCURACY)).isCloseTo(traffic.accuracy(), within(1e-9));
            assertThat(metrics(m)).doesNotContainKey(MonitorCapability.CONFIDENCE_DROP);
            MonitorReport r = report(m);
            assertThat(r.records()).isEqualTo(800);
            assertThat(r.clients()).isEqualTo(40);
            assertThat(r.topClients().get(0).queries()).isEqualTo(20);
        }
    }

    @Test
    void shouldFindDriftOnlyInTheDriftedWindows() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        List<TrafficFile.Event> benign = DigitsTraffic.benign(40, 20, 3);
        SplittableRandom random = new SplittableRandom(4);
        List<TrafficFile.Event> brighter = new ArrayList<>();
        for (TrafficFile.Event e : benign) {
            float[] x = e.input().clone();
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) Math.min(1, Math.max(0, x[j] + 0.25 + 0.1 * random.nextGaussian()));
            }
            brighter.add(new TrafficFile.Event(e.client(), x, null, e.label()));
        }
        List<TrafficFile.Event> fewClasses = benign.stream().filter(e -> e.label() <= 2).toList();

        Measurement clean = monitor(new TrafficFile().addAll(benign).write(dir.resolve("clean.jsonl")), reference,
                null);
        Measurement bright = monitor(new TrafficFile().addAll(brighter).write(dir.resolve("bright.jsonl")), reference,
                null);
        Measurement shifted = monitor(new TrafficFile().addAll(fewClasses).write(dir.resolve("shift.jsonl")),
                reference, null);

        assertThat(metrics(clean).get(MonitorCapability.INPUT_DRIFT_PSI)).isLessThan(0.25);
        assertThat(metrics(clean).get(MonitorCapability.EMBEDDING_DRIFT_P)).isGreaterThan(0.005);
        assertThat(metrics(clean).get(MonitorCapability.PREDICTION_DRIFT_PSI)).isLessThan(0.25);
        assertThat(metrics(bright).get(MonitorCapability.INPUT_DRIFT_PSI)).isGreaterThan(0.25);
        assertThat(report(bright).driftedFeatures()).isGreaterThan(10);
        assertThat(metrics(bright).get(MonitorCapability.EMBEDDING_DRIFT_P)).isLessThan(0.005);
        assertThat(metrics(bright)).doesNotContainKey(MonitorCapability.PREDICTION_DRIFT_PSI);
        assertThat(metrics(shifted).get(MonitorCapability.PREDICTION_DRIFT_PSI)).isGreaterThan(0.25);
        assertThat(metrics(shifted).get(MonitorCapability.EMBEDDING_DRIFT_P)).isLessThan(0.005);
        assertThat(report(shifted).classShares().get(5).window()).isZero();
    }

    @Test
    void shouldUseTheCachedReferenceAndRecomputeItWhenTheReferenceChanges() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        Path traffic = new TrafficFile().addAll(DigitsTraffic.benign(10, 20, 5)).write(dir.resolve("t.jsonl"));
        List<String> progress = new ArrayList<>();
        MonitorRequest request = MonitorRequest.builder(traffic, reference)
                .referenceCache(dir.resolve("cache/reference.cache")).build();

        Measurement first = MonitorRun.run(request, progress::add);
        assertThat(progress).anyMatch(l -> l.startsWith("reference statistics cached in"));
        progress.clear();
        Measurement second = MonitorRun.run(request, progress::add);
        assertThat(progress).anyMatch(l -> l.startsWith("reference statistics from the cache"));
        assertThat(second.metrics()).isEqualTo(first.metrics());

        Files.writeString(reference.path(), Files.readString(reference.path()).replaceFirst("\n0.0,", "\n1.0,"));
        progress.clear();
        MonitorRun.run(request, progress::add);
        assertThat(progress).noneMatch(l -> l.startsWith("reference statistics from the cache"));
    }

    @Test
    void shouldRefuseAStateFileOfAnotherReference() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        Path traffic = new TrafficFile().addAll(DigitsTraffic.benign(5, 20, 6)).write(dir.resolve("t.jsonl"));
        Path state = dir.resolve("monitor.state");
        monitor(traffic, reference, state);
        assertThat(state).isNotEmptyFile();

        Files.writeString(reference.path(), Files.readString(reference.path()).replaceFirst("\n0.0,", "\n1.0,"));
        assertThatThrownBy(() -> monitor(traffic, reference, state)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("was made against another reference");
        Files.writeString(state, "not a state");
        assertThatThrownBy(() -> monitor(traffic, reference, state)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("is damaged");
    }

    static List<FlaggedClient> flagged(Measurement m) {
        return report(m).flaggedClients();
    }
}
