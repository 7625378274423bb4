package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.monitor.MonitorReport;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.robustness.Attack;
import org.secmlops.core.robustness.AttackTarget;
import org.secmlops.core.robustness.Fgsm;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.Norm;
import org.secmlops.core.robustness.Pgd;
import org.secmlops.core.robustness.SampleGeometry;
import org.secmlops.core.run.Measurement;

/**
 * Per-request adversarial-input detection on the digits MLP served as a SavedModel: FGSM and PGD examples made by
 * the project's own attacks against that model (L∞, ε = 0.1) are mixed into benign traffic; the monitor (with the
 * model: feature squeezing and the embedding distance, each calibrated on the reference) must flag most of them and
 * about the calibrated share of the benign requests.
 */
class AdversarialInputTest {
    private static final double EPS = 0.1;
    private static final int PER_ATTACK = 100;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path modelPath;
    private static List<TrafficFile.Event> fgsm;
    private static List<TrafficFile.Event> pgd;

    @BeforeAll
    static void attack() throws Exception {
        modelPath = ModelTestAccess.digitsMlpSavedModel(shared.resolve("digits-mlp"));
        float[][] x = Arrays.copyOf(DigitsTraffic.served(), PER_ATTACK);
        int[] y = Arrays.copyOf(DigitsTraffic.servedLabels(), PER_ATTACK);
        ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(line -> { }), line -> { });
        try (LoadedModel model = loader.load(ModelSpec.of(modelPath).withSampleShapeIfNone(new int[] {64}))) {
            AttackTarget target = new AttackTarget(model, InputBounds.uniform(64, 0, 1), SampleGeometry.flat(64));
            fgsm = events("fgsm", new Fgsm(Norm.LINF), target, x, y);
            pgd = events("pgd", new Pgd(Norm.LINF, 20, 0.1, true, 1), target, x, y);
        }
    }

    private static List<TrafficFile.Event> events(String client, Attack attack, AttackTarget target, float[][] x,
            int[] y) throws Exception {
        float[][] adversarial = attack.perturb(target, x, y, EPS, new SplittableRandom(3));
        List<TrafficFile.Event> out = new ArrayList<>();
        for (float[] input : adversarial) {
            out.add(new TrafficFile.Event(client, input, null, -1));
        }
        return out;
    }

    @Test
    void shouldFlagMostFgsmAndPgdInputsAndFewBenignOnes() throws Exception {
        DataSpec reference = DigitsTraffic.reference(dir);
        List<TrafficFile.Event> benign = DigitsTraffic.benign(40, 20, 80);
        List<String> lines = new TrafficFile().addAll(DigitsTraffic.interleave(List.of(benign, fgsm, pgd), 81))
                .lines();
        Path log = java.nio.file.Files.writeString(dir.resolve("traffic.jsonl"), String.join("\n", lines) + "\n");
        List<MonitorAlert> alerts = new ArrayList<>();
        MonitorRequest request = MonitorRequest.builder(log, reference).model(ModelSpec.of(modelPath)).build();

        Measurement m = FollowRun.follow(new FollowRequest(request, lines.size(), null, false,
                FollowRequest.DEFAULT_POLL), new FollowListener() {
                    @Override
                    public void alert(MonitorAlert alert) {
                        alerts.add(alert);
                    }
                }, line -> { });

        Map<String, Long> flagged = alerts.stream().filter(a -> a.kind().equals(MonitorAlert.ADVERSARIAL_INPUT))
                .collect(Collectors.groupingBy(a -> a.client().startsWith("client-") ? "benign" : a.client(),
                        Collectors.counting()));
        double benignRate = flagged.getOrDefault("benign", 0L) / (double) benign.size();
        double fgsmRate = flagged.getOrDefault("fgsm", 0L) / (double) PER_ATTACK;
        double pgdRate = flagged.getOrDefault("pgd", 0L) / (double) PER_ATTACK;
        String rates = "benign " + benignRate + ", FGSM " + fgsmRate + ", PGD " + pgdRate + ", by detector (S squeezing, D distance) " + alerts.stream()
                .filter(a -> a.kind().equals(MonitorAlert.ADVERSARIAL_INPUT)).collect(Collectors.groupingBy(
                        a -> a.client().substring(0, 3) + (a.squeezeScore() > a.squeezeThreshold() ? "S" : "")
                                + (a.distance() > a.threshold() ? "D" : ""), Collectors.counting()));

        // measured: benign 0.021 (calibrated to 0.01 on the reference split), FGSM 0.59, PGD 0.66
        assertThat(benignRate).as(rates).isLessThanOrEqualTo(0.04);
        assertThat(fgsmRate).as(rates).isGreaterThanOrEqualTo(0.45).isGreaterThan(10 * benignRate);
        assertThat(pgdRate).as(rates).isGreaterThanOrEqualTo(0.5).isGreaterThan(10 * benignRate);
        MonitorReport report = MonitorCapability.report(m.details());
        assertThat(report.squeezeThreshold()).isPositive();
        assertThat(report.adversarialInputs()).isEqualTo(alerts.stream()
                .filter(a -> a.kind().equals(MonitorAlert.ADVERSARIAL_INPUT)).count());
        assertThat(report.flaggedInputs()).hasSize(MonitorReport.FLAGGED_INPUTS_LISTED);
        assertThat(m.metrics().get(MonitorCapability.ADVERSARIAL_INPUT_RATE))
                .isEqualTo((double) report.adversarialInputs() / lines.size());
    }
}
