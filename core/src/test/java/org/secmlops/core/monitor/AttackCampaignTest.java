package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.monitor.FlaggedClient;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.robustness.AttackTarget;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.Norm;
import org.secmlops.core.robustness.SampleGeometry;
import org.secmlops.core.robustness.Spsa;
import org.secmlops.core.robustness.SquareAttack;
import org.secmlops.core.run.Measurement;

/**
 * A client running the project's own Square Attack (or SPSA) against the served digits MLP, every query logged,
 * among many benign clients: the monitor must flag it and no benign client, within one window and across three.
 */
class AttackCampaignTest {
    private static final String ATTACKER = "203.0.113.7";
    private static final SampleGeometry DIGIT = new SampleGeometry(1, 8, 8, false);
    private static List<TrafficFile.Event> attackQueries;
    private static List<TrafficFile.Event> patientQueries;
    private static List<TrafficFile.Event> spsaQueries;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheAttack() throws Exception {
        attackQueries = new ArrayList<>();
        float[][] x = DigitsTraffic.served();
        int[] y = DigitsTraffic.servedLabels();
        float[][] targets = java.util.Arrays.copyOf(x, 6);
        int[] labels = java.util.Arrays.copyOf(y, 6);
        DigitsTraffic.ServedModel model = new DigitsTraffic.ServedModel(
                (input, output) -> attackQueries.add(new TrafficFile.Event(ATTACKER, input, output, -1)));
        new SquareAttack(Norm.LINF, 300).perturb(new AttackTarget(model, InputBounds.uniform(64, 0, 1), DIGIT),
                targets, labels, 0.1, new SplittableRandom(7));

        spsaQueries = new ArrayList<>();
        DigitsTraffic.ServedModel spsaModel = new DigitsTraffic.ServedModel(
                (input, output) -> spsaQueries.add(new TrafficFile.Event("198.51.100.9", input, output, -1)));
        new Spsa(Norm.LINF, 200, 8, 0.25).perturb(new AttackTarget(spsaModel, InputBounds.uniform(64, 0, 1), DIGIT),
                new float[][] {x[10], x[11]}, new int[] {y[10], y[11]}, 0.05, new SplittableRandom(8));

        for (int i = 6; patientQueries == null || patientQueries.size() < 40; i++) {
            List<TrafficFile.Event> queries = new ArrayList<>();
            DigitsTraffic.ServedModel one = new DigitsTraffic.ServedModel(
                    (input, output) -> queries.add(new TrafficFile.Event(ATTACKER, input, output, -1)));
            new SquareAttack(Norm.LINF, 300).perturb(new AttackTarget(one, InputBounds.uniform(64, 0, 1), DIGIT),
                    new float[][] {x[i]}, new int[] {y[i]}, 0.1, new SplittableRandom(i));
            patientQueries = queries;
        }
    }

    private Measurement monitor(Path traffic, DataSpec reference, Path state) throws Exception {
        MonitorRequest.Builder request = MonitorRequest.builder(traffic, reference)
                .referenceCache(dir.resolve("reference.cache"));
        if (state != null) {
            request.state(state);
        }
        return MonitorRun.run(request.build(), line -> { });
    }

    @Test
    void shouldFlagTheAttackerAndNoBenignClient() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        List<List<TrafficFile.Event>> streams = new ArrayList<>();
        streams.add(DigitsTraffic.benign(60, 15, 11));
        streams.add(DigitsTraffic.benign(5, 150, 12));
        streams.add(attackQueries);
        Path traffic = new TrafficFile().addAll(DigitsTraffic.interleave(streams, 13)).write(
                dir.resolve("traffic.jsonl.gz"));

        Measurement m = monitor(traffic, reference, null);

        assertThat(attackQueries).hasSizeGreaterThan(100);
        assertThat(m.metrics().get(MonitorCapability.ATTACK_CLIENTS)).isEqualTo(1.0);
        FlaggedClient attacker = MonitorCapability.report(m.details()).flaggedClients().get(0);
        assertThat(attacker.client()).isEqualTo(ATTACKER);
        assertThat(attacker.queriesSeen()).isEqualTo(attackQueries.size());
        assertThat(attacker.queriesInWindow()).isEqualTo(attackQueries.size());
        assertThat(attacker.firstFlaggedQuery()).isBetween((long) AttackDetector.NEIGHBOURS + 1, 100L);
        assertThat(attacker.flaggedAt()).isNotEmpty();
        assertThat(attacker.flaggedInWindow()).isTrue();
        List<org.secmlops.core.capability.monitor.TimelinePoint> timeline = MonitorCapability.report(m.details())
                .timeline();
        assertThat(timeline).hasSizeBetween(DetectorTimeline.POINTS / 2, DetectorTimeline.POINTS);
        assertThat(timeline.get(0).flaggedClientShare()).as("before the attacker is flagged").isZero();
        assertThat(timeline.get(timeline.size() - 1).flaggedClientShare()).isPositive();
    }

    @Test
    void shouldFlagAnSpsaAttackerAndNoBenignClient() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        Path traffic = new TrafficFile().addAll(DigitsTraffic.interleave(List.of(DigitsTraffic.benign(60, 15, 14),
                DigitsTraffic.benign(5, 150, 15), spsaQueries), 16)).write(dir.resolve("spsa.jsonl"));

        Measurement m = monitor(traffic, reference, null);

        assertThat(spsaQueries).hasSizeGreaterThan(100);
        assertThat(MonitorCapability.report(m.details()).flaggedClients()).singleElement().satisfies(c -> {
            assertThat(c.client()).isEqualTo("198.51.100.9");
            assertThat(c.queriesSeen()).isEqualTo(spsaQueries.size());
            assertThat(c.firstFlaggedQuery()).isLessThanOrEqualTo(100);
        });
    }

    @Test
    void shouldCatchAnAttackSpreadOverThreeWindowsThroughTheState() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        Path state = dir.resolve("monitor.state");
        List<FlaggedClient> withState = new ArrayList<>();
        List<Double> withoutState = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            // one target, queried five times per window once the attack has settled on small squares
            List<TrafficFile.Event> slice = patientQueries.subList(20 + 5 * w, 25 + 5 * w);
            Path traffic = new TrafficFile().addAll(DigitsTraffic.interleave(
                    List.of(DigitsTraffic.benign(30, 10, 20 + w), slice), 30 + w)).write(dir.resolve("w" + w + ".jsonl"));

            Measurement stateful = monitor(traffic, reference, state);
            withState.addAll(MonitorCapability.report(stateful.details()).flaggedClients());
            withoutState.add(monitor(traffic, reference, null).metrics().get(MonitorCapability.ATTACK_CLIENTS));
            if (w < 2) {
                assertThat(stateful.metrics().get(MonitorCapability.ATTACK_CLIENTS)).as("window %d", w).isZero();
            }
        }

        assertThat(withoutState).containsOnly(0.0);
        assertThat(withState).singleElement().satisfies(c -> {
            assertThat(c.client()).isEqualTo(ATTACKER);
            assertThat(c.queriesSeen()).isEqualTo(15);
            assertThat(c.queriesInWindow()).isEqualTo(5);
            assertThat(c.firstFlaggedQuery()).isBetween(13L, 15L);
        });
    }
}
