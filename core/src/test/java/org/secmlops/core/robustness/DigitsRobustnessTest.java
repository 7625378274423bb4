package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.result.Json;

/** Attack strength, monotonicity and determinism on the Java-trained digits MLP through TensorFlow. */
class DigitsRobustnessTest {
    private static final int FROM = 1500;
    /** The digits not used for training. */
    private static final int COUNT = 297;
    private static final SampleGeometry DIGIT = new SampleGeometry(1, 8, 8, false);
    private static final InputBounds UNIT = InputBounds.uniform(64, 0, 1);

    @TempDir
    static Path dir;
    private static LoadedModel model;

    private static final int SEEDS = 32;

    @BeforeAll
    static void load() throws Exception {
        model = Models.load(TestGraphs.digitsMlp(dir.resolve("mlp"), TestGraphs.Variant.PLAIN));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static ArraySource digits() {
        return new ArraySource(ModelTestAccess.digits(FROM, FROM + COUNT), ModelTestAccess.digitLabels(FROM,
                FROM + COUNT));
    }

    private static RobustnessReport run(List<Attack> attacks, List<Double> eps, long seed) throws Exception {
        RobustnessConfig config = new RobustnessConfig(attacks, eps, List.of(), List.of(), null, seed, COUNT, 64, 3);
        return new RobustnessEvaluator(config, Preprocessing.NONE, UNIT, DIGIT, line -> { }).evaluate(model, digits());
    }

    private static double robust(RobustnessReport report, String attack, double eps) {
        return report.attacks().stream().filter(a -> a.attack().equals(attack) && a.epsilon() == eps).findFirst()
                .orElseThrow().robustAccuracy();
    }

    @Test
    void shouldFindPgdAtLeastAsStrongAsFgsmAndApgdAtLeastAsStrongAsPgdAtEqualBudget() throws Exception {
        // on this small network PGD and APGD end within a few samples of each other, and which one wins on a
        // given seed is chance (random starts: either wins by up to 3 of 297 samples); the claim of Croce & Hein is
        // about the expectation, so the robust accuracies are averaged over 32 seeds. L2 differences are at noise
        // level even then, so the APGD-vs-PGD comparison uses L∞, where the schedule's advantage shows
        List<Double> eps = List.of(0.06, 0.1);
        List<RobustnessReport> reports = new java.util.ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            reports.add(run(List.of(new Fgsm(Norm.LINF), new Pgd(Norm.LINF, 20, 0.25, true, 1),
                    new Apgd(Norm.LINF, 20, true, 1)), eps, seed));
        }

        for (double e : eps) {
            assertThat(mean(reports, "pgd", e)).as("PGD vs FGSM at %s", e).isLessThanOrEqualTo(
                    mean(reports, "fgsm", e));
            assertThat(mean(reports, "apgd", e)).as("APGD vs PGD at %s", e).isLessThanOrEqualTo(
                    mean(reports, "pgd", e));
        }
        assertThat(mean(reports, "pgd", 0.06)).as("the budget must matter").isLessThan(mean(reports, "fgsm", 0.06));
        for (RobustnessReport report : reports) {
            assertThat(report.cleanAccuracy()).isGreaterThan(0.8);
            assertThat(report.validityFlags()).isEmpty();
        }
    }

    private static double mean(List<RobustnessReport> reports, String attack, double eps) {
        return reports.stream().mapToDouble(report -> robust(report, attack, eps)).average().orElseThrow();
    }

    @Test
    void shouldAttackABudgetBeyondTheValidRangeAsTheWholeRange() throws Exception {
        // ε = 1e300 once overflowed the L2 steps to infinity, the projection reset every iterate to the clean
        // sample, and nothing broke; the whole [0, 1]⁶⁴ box is now the feasible set, as for ε = 8 (its diagonal)
        RobustnessReport report = run(List.of(new Pgd(Norm.L2, 10, 0.25, true, 1), new SquareAttack(Norm.L2, 50),
                new Fgsm(Norm.L2)), List.of(1.0, 1e300), 2);

        for (String attack : List.of("pgd", "square", "fgsm")) {
            assertThat(robust(report, attack, 1e300)).as(attack).isLessThan(0.05)
                    .isLessThanOrEqualTo(robust(report, attack, 1.0));
        }
    }

    @Test
    void shouldLowerRobustAccuracyMonotonicallyAsEpsilonGrows() throws Exception {
        List<Double> eps = List.of(0.02, 0.04, 0.08, 0.16, 0.32);
        RobustnessReport report = run(List.of(new Pgd(Norm.LINF, 10, 0.25, true, 1), new Pgd(Norm.L2, 10, 0.25, true,
                1)), eps, 3);

        for (String attack : List.of("pgd")) {
            for (AttackResult smaller : report.attacks()) {
                for (AttackResult larger : report.attacks()) {
                    if (smaller.attack().equals(attack) && smaller.norm().equals(larger.norm())
                            && larger.epsilon() > smaller.epsilon()) {
                        assertThat(larger.robustAccuracy()).isLessThanOrEqualTo(smaller.robustAccuracy());
                    }
                }
            }
        }
        for (int i = 1; i < report.worstCase().size(); i++) {
            assertThat(report.worstCase().get(i).robustAccuracy())
                    .isLessThanOrEqualTo(report.worstCase().get(i - 1).robustAccuracy());
        }
        assertThat(report.worstCase().get(eps.size() - 1).robustAccuracy()).isLessThan(report.cleanAccuracy());
    }

    @Test
    void shouldTakeTheWorstCasePerSampleOverAllAttacks() throws Exception {
        RobustnessReport report = run(List.of(new Fgsm(Norm.LINF), new SquareAttack(Norm.LINF, 100)), List.of(0.08),
                9);

        double worst = report.worstCase().get(0).robustAccuracy();
        assertThat(worst).isLessThanOrEqualTo(Math.min(robust(report, "fgsm", 0.08), robust(report, "square", 0.08)));
        assertThat(report.robustAccuracy()).isEqualTo(worst);
        long broken = report.attacks().stream().mapToLong(AttackResult::broken).sum();
        long attacked = report.attacks().get(0).attacked();
        assertThat(worst).isGreaterThanOrEqualTo((double) (attacked - broken) / COUNT);
    }

    @Test
    void shouldGiveBitIdenticalResultsForTheSameSeed() throws Exception {
        List<Attack> attacks = List.of(new Pgd(Norm.L2, 5, 0.25, true, 2), new Apgd(Norm.LINF, 5, true, 1),
                new SquareAttack(Norm.L2, 30), new Spsa(Norm.LINF, 40, 8, 0.25));

        JsonNode first = withoutCost(run(attacks, List.of(0.05, 0.5), 42));
        JsonNode second = withoutCost(run(attacks, List.of(0.05, 0.5), 42));

        assertThat(second).isEqualTo(first);
        float[][] x = ModelTestAccess.digits(FROM, FROM + 10);
        int[] y = ModelTestAccess.digitLabels(FROM, FROM + 10);
        for (Attack attack : attacks) {
            float[][] a = attack.perturb(new AttackTarget(model, UNIT, DIGIT), x, y, 0.1, new SplittableRandom(8));
            float[][] b = attack.perturb(new AttackTarget(model, UNIT, DIGIT), x, y, 0.1, new SplittableRandom(8));
            assertThat(b).as(attack.toString()).isDeepEqualTo(a);
        }
    }

    private static JsonNode withoutCost(RobustnessReport report) {
        JsonNode json = Json.mapper().valueToTree(report);
        for (JsonNode attack : json.path("attacks")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) attack).remove(List.of("seconds", "allocatedBytes"));
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("cleanSeconds");
        return json;
    }

    @Test
    void shouldKeepVerifiedExamplePairsForImageShapedSamples() throws Exception {
        RobustnessReport report = run(List.of(new Pgd(Norm.LINF, 10, 0.25, true, 1)), List.of(0.2), 1);

        assertThat(report.examples()).hasSize(3);
        for (ExamplePair pair : report.examples()) {
            assertThat(pair.adversarialPrediction()).isNotEqualTo(pair.label());
            assertThat(pair.clean()).hasSize(64);
            double max = 0;
            for (int j = 0; j < 64; j++) {
                max = Math.max(max, Math.abs(pair.adversarial().get(j) - pair.clean().get(j)));
            }
            assertThat(max).isLessThanOrEqualTo(0.2 + 1e-3).isGreaterThan(0);
        }
    }
}
