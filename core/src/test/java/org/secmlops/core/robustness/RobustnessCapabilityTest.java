package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.run.Measurement;

class RobustnessCapabilityTest {
    private static RobustnessReport report(List<ValidityFlag> flags, List<ExamplePair> examples) {
        AttackResult pgd = new AttackResult("pgd", "linf", true, 0.1, 0.6, 0.25, 80, 20, 0.09,
                java.util.Arrays.asList(0.5, null), 1.5, 1024, 80, 1600, 21);
        return new RobustnessReport("TensorFlow 2.16.1", "cpu()", 100, 2, false, "[0.0, 1.0]", 1, 0.8, 0.1,
                List.of(pgd), List.of(new AttackSummary("pgd", "linf", true, 20, 0.1)),
                List.of(new WorstCase(0.1, 0.6, 0.25)), List.of(new ClassRobustness(0, 100, 0.8, 0.6)),
                List.of(new CorruptionResult("noise", 1, 0.04, 0.7, 0.1), new CorruptionResult("noise", 2, 0.06, 0.5,
                        0.1)), null, flags, List.of("note <b>"), examples, 0.01);
    }

    @Test
    void shouldReportTheGateMetricsOfThePartsThatRan() {
        Measurement m = RobustnessMeasurement.of(report(List.of(), List.of()), "model/", "data.csv");

        assertThat(m.metrics()).containsOnlyKeys("CLEAN_ACCURACY", "ROBUST_ACCURACY", "ROBUST_ACCURACY_DROP",
                "ATTACK_SUCCESS_RATE", "CORRUPTION_ACCURACY", "VALIDITY_FLAGS");
        assertThat(m.metrics().get("ROBUST_ACCURACY_DROP")).isCloseTo(0.8 - 0.6,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(m.metrics().get("CORRUPTION_ACCURACY")).isCloseTo(0.6,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(m.details().path("robustness").path("attacks").get(0).path("epsilon").asDouble()).isEqualTo(0.1);
    }

    @Test
    void shouldGateOnValidityFlagsAndRobustAccuracyDropByDefault() {
        assertThat(RobustnessCapability.INSTANCE.id()).isEqualTo("robustness");
        assertThat(RobustnessCapability.INSTANCE.defaultGates()).extracting(QualityGate::metric, QualityGate::baseline)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("VALIDITY_FLAGS", Baseline.ABSOLUTE),
                        org.assertj.core.groups.Tuple.tuple("ROBUST_ACCURACY", Baseline.DELTA));
    }

    @Test
    void shouldRenderEscapedTextAndInlineSvgWithoutScripts() {
        ValidityFlag flag = new ValidityFlag("BLACK_BOX_STRONGER", "<script>alert(1)</script>", "a & b");
        ExamplePair pair = new ExamplePair("<img src=x>", "pgd", 0.1, 1, 0, new SampleGeometry(1, 2, 2, false),
                List.of(0.0, 0.5, 1.0, 0.25), List.of(0.1, 0.4, 0.9, 0.35));
        Measurement m = RobustnessMeasurement.of(report(List.of(flag), List.of(pair)), "<m>", "d");

        String html = RobustnessCapability.INSTANCE.detailSection().render(m.details());

        assertThat(html).doesNotContain("<script", "<img", "<m>", "<b>")
                .contains("&lt;script&gt;", "&lt;img src=x&gt;", "a &amp; b", "<svg", "fill=\"#ffffff\"",
                        "fill=\"#000000\"", "Robustness curve", "worst case", "Natural corruptions");
    }

    @Test
    void shouldDrawTheRobustnessCurveAcrossBudgets() {
        AttackResult small = new AttackResult("pgd", "linf", true, 0.05, 0.7, 0.125, 80, 10, 0.05,
                java.util.Arrays.asList(0.5, null), 1.0, 1024, 80, 1600, 21);
        AttackResult large = new AttackResult("pgd", "linf", true, 0.1, 0.2, 0.75, 80, 60, 0.09,
                java.util.Arrays.asList(0.5, null), 1.0, 1024, 80, 1600, 21);
        RobustnessReport curve = new RobustnessReport("TensorFlow 2.16.1", "cpu()", 100, 2, false, "[0.0, 1.0]", 1,
                0.8, 0.1, List.of(small, large), List.of(), List.of(new WorstCase(0.05, 0.7, 0.125),
                        new WorstCase(0.1, 0.2, 0.75)), List.of(), List.of(), null, List.of(), List.of(), List.of(), 0.01);
        Measurement m = RobustnessMeasurement.of(curve, "model/", "data.csv");

        String html = RobustnessCapability.INSTANCE.detailSection().render(m.details());

        // true-scale ε axis 0..0.1 over 494 pixels from x = 50, accuracy 0..1 over 180 pixels from y = 26; the line
        // starts at the clean accuracy 0.8 at ε = 0
        assertThat(html).contains("aria-label=\"Robust accuracy against ε (linf)\"",
                "<title>pgd: ε (linf) 0.05, robust accuracy 0.7</title>",
                "<title>worst case: ε (linf) 0.1, robust accuracy 0.2</title>",
                "points=\"50.0,62.0 297.0,80.0 544.0,170.0\"").doesNotContain("0.050000", "NaN");
    }
}
