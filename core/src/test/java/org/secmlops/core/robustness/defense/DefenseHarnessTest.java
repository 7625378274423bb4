package org.secmlops.core.robustness.defense;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.robustness.DefenseReport;
import org.secmlops.core.capability.robustness.DefenseRow;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.SampleGeometry;

/** The timing harness, the detector's calibration and the selection the gates drive. */
class DefenseHarnessTest {
    @TempDir
    Path dir;

    /** Passes every sample through unchanged: what is left of its cost is the harness's own. */
    private static final class Identity implements InputTransform {
        @Override
        public float[] apply(float[] x, SplittableRandom random) {
            return x;
        }

        @Override
        public float[] naiveBackward(float[] x, float[] upstream) {
            return upstream;
        }
    }

    @Test
    void shouldMeasureTheIdentityDefenseAtTheUndefendedModelsCost() throws Exception {
        try (LoadedModel cnn = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(line -> { }),
                line -> { }).load(ModelSpec.of(ModelTestAccess.cifarCnnSavedModel(dir.resolve("cnn"))))) {
            SplittableRandom random = new SplittableRandom(3);
            List<float[][]> batches = new ArrayList<>();
            for (int b = 0; b < 8; b++) {
                float[][] x = new float[32][3072];
                for (float[] row : x) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = (float) random.nextDouble();
                    }
                }
                batches.add(x);
            }
            DefenseConfig config = new DefenseConfig(List.of(), List.of(), List.of(), 1, 0, 256, 32);
            DefenseEvaluator evaluator = new DefenseEvaluator(config, Preprocessing.NONE,
                    InputBounds.uniform(3072, 0, 1), new SampleGeometry(3, 32, 32, false), line -> { });

            List<DefenseEvaluator.Timing> timings = evaluator.time(cnn,
                    List.of(new Defense.None(), new Defense.Transform("identity", new Identity())), Map.of(), batches);

            double overhead = timings.get(1).secondsPerSample() / timings.get(0).secondsPerSample();
            assertThat(overhead).as("identity overhead %s", timings).isBetween(0.8, 1.25);
            assertThat(timings.get(0).throughput()).isPositive();
            assertThat(timings.get(0).p95Millis()).isGreaterThanOrEqualTo(timings.get(0).p50Millis());
        }
    }

    private static DefenseRow row(String defense, double clean, double robust, double overhead) {
        return new DefenseRow(defense, clean, robust, null, List.of(), null, null, 1, 1, 100 / overhead, overhead,
                false, false);
    }

    @Test
    void shouldSelectTheMostRobustConfigurationThatMeetsTheDefenseGates() {
        List<DefenseRow> rows = List.of(row("none", 0.95, 0.10, 1.0), row("a", 0.93, 0.60, 2.0),
                row("b", 0.94, 0.52, 1.2), row("c", 0.90, 0.45, 1.3));
        List<QualityGate> gates = List.of(
                QualityGate.absolute(RobustnessCapability.DEFENSE_ROBUST_ACCURACY, 0.5, Criticality.UNSTABLE),
                QualityGate.absolute(RobustnessCapability.DEFENSE_LATENCY_OVERHEAD, 1.3, Criticality.UNSTABLE));

        assertThat(DefenseSelection.select(rows, gates, 10, 0.1, 1, List.of()).selected()).isEqualTo("b");
        assertThat(DefenseSelection.select(rows, List.of(), 10, 0.1, 1, List.of()).selected())
                .isEqualTo("a");
        DefenseReport none = DefenseSelection.select(rows, List.of(QualityGate.absolute(
                RobustnessCapability.DEFENSE_ROBUST_ACCURACY, 0.9, Criticality.FAILURE)), 10, 0.1, 1, List.of());
        assertThat(none.selected()).isEqualTo("a");
        assertThat(none.selectionReason()).contains("no configuration meets every gate");
        assertThat(Pareto.mark(rows)).extracting(DefenseRow::pareto).containsExactly(true, true, true, false);
    }
}
