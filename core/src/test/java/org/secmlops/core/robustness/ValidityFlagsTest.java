package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelTestAccess;

/** The validity checks on real models that mask gradients, end in softmax or have none (ONNX). */
class ValidityFlagsTest {
    private static final int FROM = 1500;
    private static final int COUNT = 80;
    private static final SampleGeometry DIGIT = new SampleGeometry(1, 8, 8, false);

    @TempDir
    Path dir;

    private static RobustnessReport run(LoadedModel model, List<Attack> attacks) throws Exception {
        RobustnessConfig config = new RobustnessConfig(attacks, List.of(0.1, 0.3), List.of(), List.of(), null, 7,
                COUNT, 40, 0);
        return new RobustnessEvaluator(config, Preprocessing.NONE, InputBounds.uniform(64, 0, 1), DIGIT, line -> { })
                .evaluate(model, new ArraySource(ModelTestAccess.digits(FROM, FROM + COUNT),
                        ModelTestAccess.digitLabels(FROM, FROM + COUNT)));
    }

    private static List<String> ids(RobustnessReport report) {
        return report.validityFlags().stream().map(ValidityFlag::id).toList();
    }

    @Test
    void shouldFlagZeroGradientsAndAStrongerBlackBoxAttackOnASignMaskedModel() throws Exception {
        try (LoadedModel model = Models.load(TestGraphs.digitsMlp(dir.resolve("sign"), TestGraphs.Variant.SIGN_INPUT))) {
            RobustnessReport report = run(model, List.of(new Pgd(Norm.LINF, 10, 0.25, false, 1),
                    new SquareAttack(Norm.LINF, 200)));

            assertThat(ids(report)).contains("ZERO_OR_NON_FINITE_GRADIENTS", "BLACK_BOX_STRONGER");
            assertThat(report.cleanAccuracy()).as("the masked model still classifies").isGreaterThan(0.5);
        }
    }

    @Test
    void shouldFlagProbabilityOutputs() throws Exception {
        try (LoadedModel model = Models.load(TestGraphs.digitsMlp(dir.resolve("softmax"),
                TestGraphs.Variant.SOFTMAX_OUTPUT))) {
            RobustnessReport report = run(model, List.of(new Fgsm(Norm.LINF)));

            assertThat(ids(report)).contains("PROBABILITY_OUTPUTS");
            assertThat(report.probabilityOutputs()).isTrue();
        }
    }

    @Test
    void shouldRaiseNoFlagOnThePlainModel() throws Exception {
        try (LoadedModel model = Models.load(TestGraphs.digitsMlp(dir.resolve("plain"), TestGraphs.Variant.PLAIN))) {
            RobustnessReport report = run(model, List.of(new Pgd(Norm.LINF, 10, 0.25, true, 1),
                    new SquareAttack(Norm.LINF, 100)));

            assertThat(report.validityFlags()).isEmpty();
        }
    }

    @Test
    void shouldSkipWhiteBoxAttacksOnOnnxWithANoteAndStillRunBlackBoxOnes() throws Exception {
        try (LoadedModel model = Models.load(ModelTestAccess.digitsMlpOnnx(dir.resolve("mlp.onnx")))) {
            RobustnessReport report = run(model, List.of(new Pgd(Norm.LINF, 10, 0.25, true, 1),
                    new SquareAttack(Norm.LINF, 50)));

            assertThat(report.attacks()).extracting(AttackResult::attack).containsOnly("square");
            assertThat(report.notes()).anySatisfy(note -> assertThat(note).contains("pgd", "skipped",
                    "gradients"));
            assertThat(report.robustAccuracy()).isNotNull().isLessThanOrEqualTo(report.cleanAccuracy());
            assertThat(report.attacks()).allSatisfy(a -> assertThat(a.gradientPasses()).isZero());
        }
    }

    @Test
    void shouldFlagChanceAccuracyAndARisingCurve() {
        AttackResult small = new AttackResult("pgd", "linf", true, 0.1, 0.2, 0.5, 10, 5, 0.1, List.of(), 0, 0, 0, 0, 0);
        AttackResult large = new AttackResult("pgd", "linf", true, 0.2, 0.4, 0.2, 10, 2, 0.1, List.of(), 0, 0, 0, 0, 0);

        List<ValidityFlag> flags = ValidityChecks.check(new ValidityChecks.Evidence(100, 10, 0.1, 0.1, false, 10, 0, 0,
                List.of(small, large), List.of(0.1, 0.2), false));

        assertThat(flags).extracting(ValidityFlag::id).containsExactlyInAnyOrder("CHANCE_ACCURACY",
                "ACCURACY_RISES_WITH_EPSILON");
    }

    @Test
    void shouldFlagAttacksWhosePerturbationsAreNotClipped() {
        AttackResult pgd = new AttackResult("pgd", "linf", true, 0.1, 0.9, 0.5, 10, 5, 0.1, List.of(), 0, 0, 0, 0, 0);

        List<ValidityFlag> unclipped = ValidityChecks.check(new ValidityChecks.Evidence(100, 10, 0.9, 0.1, false, 10,
                0, 0, List.of(pgd), List.of(0.1), true));
        List<ValidityFlag> clipped = ValidityChecks.check(new ValidityChecks.Evidence(100, 10, 0.9, 0.1, false, 10,
                0, 0, List.of(pgd), List.of(0.1), false));

        assertThat(unclipped).extracting(ValidityFlag::id).containsExactly("UNBOUNDED_INPUTS");
        assertThat(clipped).isEmpty();
    }
}
