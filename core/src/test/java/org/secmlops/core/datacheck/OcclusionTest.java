package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.datacheck.DataCheckHtml;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Cancellation;

/**
 * The occlusion test of a trigger patch: a network trained on poisoned digits predicts the target for the triggered
 * samples and their own class once the patch is replaced by the class's typical values; a network trained on the
 * clean digits never predicted the target for them, so there is nothing to move.
 */
class OcclusionTest {
    private static DataCheckResult check(DataTable data, ModelOutputs model) throws Exception {
        return new DataCheck(DataCheckOptions.defaults(), line -> { }).run(data, model, null, null);
    }

    private static DetectorResult trigger(DataCheckResult result) {
        return result.detectors().stream().filter(d -> d.detector().equals(TriggerPatches.ID)).findFirst()
                .orElseThrow();
    }

    @Test
    void shouldConfirmTheBackdoorAndSuggestTheTrueLabelsWhenTheModelLearnedTheTrigger() throws Exception {
        DataTable clean = PlantedData.digits();
        BackdoorRatesTest.Planted planted = BackdoorRatesTest.plant(clean, 0.05, 12);

        DataCheckResult result = check(planted.data(), TrainedModel.on(planted.data(), 7));

        BackdoorGroup group = result.report().backdoorGroups().stream()
                .filter(g -> g.targetClass() == planted.target()).findFirst().orElseThrow();
        assertThat(group.occlusion()).isNotNull();
        assertThat(group.occlusion().predictedTarget()).as("members the backdoored model puts into the target")
                .isGreaterThanOrEqualTo((int) (0.9 * planted.poisoned().length));
        assertThat(group.occlusion().movedShare()).as("predictions that leave the target without the patch")
                .isGreaterThanOrEqualTo(0.9);
        assertThat(group.occlusion().movedTo()).doesNotContainKey(planted.target());
        DetectorResult backdoor = BackdoorRatesTest.backdoor(result);
        long restored = IntStream.of(planted.poisoned()).filter(i -> backdoor.suggested()[i] == clean.labels()[i])
                .count();
        System.out.printf(java.util.Locale.ROOT, "occlusion: %d of %d predicted as the target, %.3f moved, %d of %d"
                + " suggestions true%n", group.occlusion().predictedTarget(), group.size(),
                group.occlusion().movedShare(), restored, planted.poisoned().length);
        assertThat((double) restored / planted.poisoned().length).as("suggested labels that are the true ones")
                .isGreaterThanOrEqualTo(0.9);
        assertThat(trigger(result).method()).contains("occlusion test");
        String html = DataCheckHtml.render(Json.mapper().valueToTree(result.report()));
        assertThat(html).contains(String.format(java.util.Locale.ROOT, "occluded, %.0f%% of the %d the model"
                + " predicted as this class move to another", 100 * group.occlusion().movedShare(),
                group.occlusion().predictedTarget()));
    }

    @Test
    void shouldFindNothingToMoveWhenTheModelNeverLearnedTheTrigger() throws Exception {
        DataTable clean = PlantedData.digits();
        BackdoorRatesTest.Planted planted = BackdoorRatesTest.plant(clean, 0.05, 12);
        ModelOutputs cleanModel = TrainedModel.trainedOn(clean, 7).outputs(planted.data());

        DataCheckResult result = check(planted.data(), cleanModel);

        BackdoorGroup group = result.report().backdoorGroups().stream()
                .filter(g -> g.targetClass() == planted.target()).findFirst().orElseThrow();
        assertThat(group.occlusion()).isNotNull();
        System.out.printf(java.util.Locale.ROOT, "occlusion, clean model: %d of %d predicted as the target%n",
                group.occlusion().predictedTarget(), group.size());
        assertThat(group.occlusion().predictedTarget()).as("members a clean model puts into the target")
                .isLessThanOrEqualTo((int) (0.1 * planted.poisoned().length));
    }

    @Test
    void shouldLeaveTheTestOutWhenTheModelCannotBeRunAgain() throws Exception {
        BackdoorRatesTest.Planted planted = BackdoorRatesTest.plant(PlantedData.digits(), 0.05, 12);
        ModelOutputs outputs = TrainedModel.on(planted.data(), 7);

        DataCheckResult result = check(planted.data(), new ModelOutputs(outputs.probabilities(),
                outputs.embedding(), outputs.description()));

        assertThat(result.report().backdoorGroups()).isNotEmpty()
                .allSatisfy(g -> assertThat(g.occlusion()).isNull());
    }

    @Test
    void shouldStopTheCheckWhenCancelledWhileTheModelRunsAgain() {
        BackdoorRatesTest.Planted planted = BackdoorRatesTest.plant(PlantedData.digits(), 0.05, 12);
        ModelOutputs outputs = TrainedModel.on(planted.data(), 7);
        ModelOutputs cancelled = new ModelOutputs(outputs.probabilities(), outputs.embedding(), outputs.description(),
                rows -> {
                    throw new Cancellation.CancelledException();
                });

        assertThatThrownBy(() -> check(planted.data(), cancelled)).isInstanceOf(Cancellation.CancelledException.class);
    }

    @Test
    void shouldReportAModelThatFailsOnRerunInsteadOfFailingTheCheck() throws Exception {
        BackdoorRatesTest.Planted planted = BackdoorRatesTest.plant(PlantedData.digits(), 0.05, 12);
        ModelOutputs outputs = TrainedModel.on(planted.data(), 7);

        DataCheckResult result = check(planted.data(), new ModelOutputs(outputs.probabilities(),
                outputs.embedding(), outputs.description(), rows -> {
                    throw new IllegalStateException("engine gone");
                }));

        assertThat(trigger(result).method()).contains("occlusion test left out", "engine gone");
        assertThat(BackdoorRatesTest.backdoor(result).flaggedCount()).isPositive();
    }
}
