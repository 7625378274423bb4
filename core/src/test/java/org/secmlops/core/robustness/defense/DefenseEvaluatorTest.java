package org.secmlops.core.robustness.defense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.robustness.DefenseReport;
import org.secmlops.core.capability.robustness.DefenseRow;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.model.Outputs;
import org.secmlops.core.robustness.ArraySource;
import org.secmlops.core.robustness.Attack;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.Norm;
import org.secmlops.core.robustness.Pgd;
import org.secmlops.core.robustness.SampleGeometry;

/** Adaptive attacks through defenses on the Java-trained digits MLP, run by TensorFlow. */
class DefenseEvaluatorTest {
    private static final int FROM = 1500;
    private static final int COUNT = 297;
    private static final SampleGeometry DIGIT = new SampleGeometry(1, 8, 8, false);
    private static final InputBounds UNIT = InputBounds.uniform(64, 0, 1);

    @TempDir
    static Path dir;
    private static LoadedModel model;

    @BeforeAll
    static void load() throws Exception {
        model = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(line -> { }), line -> { })
                .load(ModelSpec.of(ModelTestAccess.digitsMlpSavedModel(dir.resolve("mlp"))));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static List<DefenseRow> evaluate(List<String> defenses, List<Attack> attacks, double eps, int eot)
            throws Exception {
        return evaluate(defenses, attacks, eps, eot, 7);
    }

    static List<DefenseRow> evaluate(List<String> defenses, List<Attack> attacks, double eps, int eot, long seed)
            throws Exception {
        DefenseConfig config = new DefenseConfig(defenses.stream().map(DefenseSpec::parse).toList(), attacks,
                List.of(eps), eot, seed, COUNT, 100);
        return new DefenseEvaluator(config, Preprocessing.NONE, UNIT, DIGIT, line -> { }).evaluate(model,
                new ArraySource(ModelTestAccess.digits(FROM, FROM + COUNT),
                        ModelTestAccess.digitLabels(FROM, FROM + COUNT)));
    }

    private static DefenseRow row(List<DefenseRow> rows, String defense) {
        return rows.stream().filter(r -> r.defense().equals(defense)).findFirst().orElseThrow();
    }

    @Test
    void shouldExposeBitDepthReductionAsGradientMaskingAndBreakItWithBpda() throws Exception {
        List<DefenseRow> rows = evaluate(List.of("bit-depth:3"), List.of(new Pgd(Norm.LINF, 20, 0.1, true, 1)),
                0.15, 1);
        DefenseRow none = row(rows, "none");
        DefenseRow squeezed = row(rows, "bit-depth:3");

        assertThat(none.nonAdaptiveRobustAccuracy()).as("undefended: nothing to adapt to").isNull();
        assertThat(squeezed.gradientMasking()).as("%s", squeezed).isTrue();
        assertThat(squeezed.nonAdaptiveRobustAccuracy() - squeezed.robustAccuracy()).as("%s", squeezed)
                .isGreaterThan(DefenseReport.MASKING_MARGIN);
        assertThat(squeezed.robustAccuracy()).as("BPDA vs the undefended model: %s / %s", squeezed, none)
                .isLessThanOrEqualTo(none.robustAccuracy() + 0.1);
        assertThat(squeezed.cleanAccuracy()).isGreaterThan(0.8);
    }

    @Test
    void shouldFindRandomNoiseWeakerUnderEotThanUnderOneDraw() throws Exception {
        // a randomized defense's robust accuracy is itself random (each prediction is one draw), so the claim is
        // about the mean over seeds; predictions draw from their own stream, so both attacks meet the same draws
        Attack pgd = new Pgd(Norm.LINF, 10, 0.1, true, 1);
        double oneDraw = 0;
        double eot = 0;
        int seeds = 6;
        for (long seed = 1; seed <= seeds; seed++) {
            oneDraw += row(evaluate(List.of("noise:0.3"), List.of(pgd), 0.2, 1, seed), "noise:0.3").robustAccuracy();
            eot += row(evaluate(List.of("noise:0.3"), List.of(pgd), 0.2, 10, seed), "noise:0.3").robustAccuracy();
        }

        assertThat(eot / seeds).as("EOT-10 vs one draw").isLessThan(oneDraw / seeds - 0.01);
    }

    @Test
    void shouldRefuseADetectorThresholdThatRejectsEveryCleanSample() {
        assertThatThrownBy(() -> evaluate(List.of("squeeze-detector:threshold=0"), List.of(), 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rejects every clean sample");
    }

    @Test
    void shouldCalibrateTheDetectorToItsFalsePositiveRateAndReportWhatItCatches() throws Exception {
        List<DefenseRow> rows = evaluate(List.of("squeeze-detector:fpr=0.05"),
                List.of(new Pgd(Norm.LINF, 20, 0.1, true, 1)), 0.15, 1);
        DefenseRow detector = rows.get(1);

        assertThat(detector.falsePositiveRate()).as("%s", detector).isBetween(0.03, 0.06);
        assertThat(detector.cleanAccuracy()).as("rejected clean samples count against it")
                .isLessThanOrEqualTo(rows.get(0).cleanAccuracy() - detector.falsePositiveRate() + 0.02);
        assertThat(detector.detectionRate()).isBetween(0.0, 1.0);
        assertThat(detector.robustAccuracy()).as("%s", detector)
                .isLessThanOrEqualTo(detector.nonAdaptiveRobustAccuracy());
    }

    @Test
    void shouldPredictBySmoothedMajorityVoteAndCountItAgainstTheUndefendedModel() throws Exception {
        float[][] x = ModelTestAccess.digits(FROM, FROM + 50);
        DefendedModel smoothed = new DefendedModel(model, new GaussianNoise(0.01, UNIT), GradientMode.ADAPTIVE, 4, 3,
                15);
        float[][] votes = smoothed.predict(x);
        float[][] plain = model.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(votes[i][Outputs.argmax(plain[i])]).as("tiny noise: every vote for the plain prediction").isEqualTo(1f,
                    org.assertj.core.data.Offset.offset(1e-5f));
        }

        List<DefenseRow> rows = evaluate(List.of("smoothing:0.05,n=8"), List.of(new Pgd(Norm.LINF, 10, 0.1, true, 1)),
                0.1, 2);
        assertThat(rows).extracting(DefenseRow::defense).containsExactly("none", "smoothing:0.05,n=8");
        assertThat(rows.get(1).cleanAccuracy()).isCloseTo(rows.get(0).cleanAccuracy(),
                org.assertj.core.data.Offset.offset(0.05));
        assertThat(rows.get(1).nonAdaptiveRobustAccuracy()).isNotNull();
        assertThat(rows.get(1).latencyOverhead()).as("eight forward passes per prediction").isGreaterThan(2);
    }
}
