package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Clean-label poisoning by feature collision: samples of one class keep their (correct) label and their pixels, but
 * the model represents them on top of one instance of another class, as a successful collision attack makes it do.
 * The test builds that poison from a network trained on digits: the chosen samples take the representation and the
 * outputs of the target instance, plus a little noise.
 */
class CleanLabelPoisonTest {
    private static final int POISONS = 25;

    private static DetectorResult cleanLabel(DataCheckResult result) {
        return result.detectors().stream().filter(d -> d.detector().equals(CleanLabelPoison.ID)).findFirst()
                .orElseThrow();
    }

    @Test
    void shouldFlagSamplesThatLookLikeTheirLabelButSitInAnotherClassOfTheModel() throws Exception {
        DataTable digits = PlantedData.digits();
        ModelOutputs model = TrainedModel.on(digits, 41);
        Random random = new Random(41);
        int base = random.nextInt(10);
        int target = (base + 1 + random.nextInt(9)) % 10;
        int[] bases = PlantedData.ofClass(digits, base);
        int[] ofTarget = PlantedData.ofClass(digits, target);
        int instance = ofTarget[random.nextInt(ofTarget.length)];
        int[] poisoned = IntStream.range(0, POISONS).map(i -> bases[i * (bases.length / POISONS)]).toArray();
        float[][] embedding = model.embedding().clone();
        float[][] probabilities = model.probabilities().clone();
        for (int i : poisoned) {
            embedding[i] = model.embedding()[instance].clone();
            for (int j = 0; j < embedding[i].length; j++) {
                embedding[i][j] += (float) (0.01 * random.nextGaussian());
            }
            probabilities[i] = model.probabilities()[instance].clone();
        }

        DataCheckResult result = new DataCheck(DataCheckOptions.defaults(), line -> { })
                .run(digits, new ModelOutputs(probabilities, embedding, "collided network"), null, null);

        DetectorResult found = cleanLabel(result);
        long hits = IntStream.of(poisoned).filter(i -> found.flagged()[i]).count();
        assertThat((double) hits / POISONS).as("recall").isGreaterThanOrEqualTo(0.9);
        assertThat((double) hits / found.flaggedCount()).as("precision").isGreaterThanOrEqualTo(0.9);
        assertThat(IntStream.of(poisoned).filter(i -> found.flagged()[i]).map(i -> found.suggested()[i]).distinct())
                .containsExactly(target);
        DetectorResult backdoor = BackdoorRatesTest.backdoor(result);
        assertThat(IntStream.of(poisoned).filter(i -> backdoor.flagged()[i]).count()).isEqualTo(hits);
    }

    @Test
    void shouldFlagNothingWithTheModelOfCleanDataNorWithoutAModel() throws Exception {
        DataTable digits = PlantedData.digits();
        DataCheck check = new DataCheck(DataCheckOptions.defaults(), line -> { });

        assertThat(cleanLabel(check.run(digits, TrainedModel.on(digits, 42), null, null)).flaggedCount()).isZero();
        assertThat(cleanLabel(check.run(digits, null, null, null)).flaggedCount()).isZero();
    }
}
