package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BadNets poisoning at the rates real attacks use (issue 18): a trigger patch stamped on 1%, 5% and 10% of the
 * data, drawn from the other classes and relabelled to one target class (which ends up about 10% to 50%
 * poisoned); patch place, size and target are drawn from a seeded random. Each setting must be found with recall
 * and precision of at least 0.9, and clean data must give no backdoor suspect.
 */
class BackdoorRatesTest {
    /** Fashion-MNIST images the tests use (the first of the training set). */
    private static final int FASHION = 5_000;
    private static DataTable fashion;

    record Planted(DataTable data, int[] poisoned, int target, PlantedData.Trigger trigger) {
    }

    static Planted plant(DataTable clean, double rate, long seed) {
        Random random = new Random(seed);
        int target = random.nextInt(clean.classes());
        boolean digits = clean.sampleShape().length == 1;
        PlantedData.Trigger trigger = digits
                ? PlantedData.Trigger.inCorner(8, 2 + random.nextInt(2), 1, 16f, false, random)
                : PlantedData.Trigger.inCorner(28, 3 + random.nextInt(3), 2, 255f, random.nextBoolean(), random);
        int[] poisoned = PlantedData.outside(clean, target, (int) Math.round(rate * clean.size()), random);
        return new Planted(PlantedData.backdoor(clean, poisoned, trigger, target), poisoned, target, trigger);
    }

    static DataTable fashion() {
        if (fashion == null) {
            fashion = PlantedData.fashion(FASHION);
        }
        return fashion;
    }

    static Stream<Arguments> settings() {
        return Stream.of(Arguments.of("digits", 0.01, 11L), Arguments.of("digits", 0.05, 12L),
                Arguments.of("digits", 0.10, 13L), Arguments.of("fashion", 0.01, 21L),
                Arguments.of("fashion", 0.05, 22L), Arguments.of("fashion", 0.10, 23L));
    }

    private static DataTable clean(String name) {
        return name.equals("digits") ? PlantedData.digits() : fashion();
    }

    private static DataCheckResult check(DataTable data, ModelOutputs model) throws Exception {
        return new DataCheck(DataCheckOptions.defaults(), line -> { }).run(data, model, null, null);
    }

    static DetectorResult backdoor(DataCheckResult result) {
        return result.detectors().stream().filter(d -> d.detector().equals(Backdoors.ID)).findFirst().orElseThrow();
    }

    /** Recall and precision of the backdoor verdict against the planted samples. */
    static double[] recallPrecision(DetectorResult backdoor, int[] poisoned) {
        long found = Arrays.stream(poisoned).filter(i -> backdoor.flagged()[i]).count();
        int flagged = backdoor.flaggedCount();
        return new double[] {(double) found / poisoned.length, flagged == 0 ? 0 : (double) found / flagged};
    }

    private static void assertFound(String setting, Planted planted, DataCheckResult result) {
        double[] rp = recallPrecision(backdoor(result), planted.poisoned());
        System.out.printf(Locale.ROOT, "backdoor %s: %d poisoned into class %d (%s): recall %.3f precision %.3f%n",
                setting, planted.poisoned().length, planted.target(), planted.trigger(), rp[0], rp[1]);
        assertThat(rp[0]).as("recall, " + setting).isGreaterThanOrEqualTo(0.9);
        assertThat(rp[1]).as("precision, " + setting).isGreaterThanOrEqualTo(0.9);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("settings")
    void shouldFindBadNetsPoisonWithoutAModel(String name, double rate, long seed) throws Exception {
        Planted planted = plant(clean(name), rate, seed);

        DataCheckResult result = check(planted.data(), null);

        assertFound(name + " " + rate, planted, result);
    }

    @ParameterizedTest(name = "{0} at {1} with a model")
    @MethodSource("settings")
    void shouldFindBadNetsPoisonWithTheActivationsOfAModelTrainedOnThePoisonedData(String name, double rate,
            long seed) throws Exception {
        Planted planted = plant(clean(name), rate, seed + 20);

        DataCheckResult result = check(planted.data(), TrainedModel.on(planted.data(), seed + 20));

        assertFound(name + " " + rate + " with a model", planted, result);
    }

    /**
     * All 60,000 Fashion-MNIST training images: clean, nothing is flagged; with a trigger on 30 images relabelled to
     * one class (0.5 % of its 6,030, the low end of the rates the detectors are meant for), all 30 are found and
     * nothing else.
     */
    @Test
    void shouldFindATriggerOnHalfAPercentOfTheTargetClassInTheFullTrainingSet() throws Exception {
        DataTable full = PlantedData.fashion(60_000);
        assertThat(backdoor(check(full, null)).flaggedCount()).as("clean").isZero();
        Random random = new Random(81);
        int target = random.nextInt(full.classes());
        PlantedData.Trigger trigger = PlantedData.Trigger.inCorner(28, 3 + random.nextInt(3), 2, 255f,
                random.nextBoolean(), random);
        int[] poisoned = PlantedData.outside(full, target, 30, random);
        Planted planted = new Planted(PlantedData.backdoor(full, poisoned, trigger, target), poisoned, target,
                trigger);
        assertThat((double) poisoned.length / PlantedData.ofClass(planted.data(), target).length)
                .as("share of the target class").isLessThanOrEqualTo(0.005);

        assertFound("fashion 60,000 with 30 poisoned", planted, check(planted.data(), null));
    }

    @Test
    void shouldFindNoBackdoorInCleanDigits() throws Exception {
        DataCheckResult result = check(PlantedData.digits(), null);

        assertThat(backdoor(result).flaggedCount()).isZero();
        assertThat(result.report().backdoorSuspects()).isZero();
    }

    @Test
    void shouldFindNoBackdoorInCleanFashionMnist() throws Exception {
        DataCheckResult result = check(fashion(), null);

        assertThat(backdoor(result).flaggedCount()).isZero();
    }

    @Test
    void shouldFindNoBackdoorInCleanDigitsWithAModel() throws Exception {
        DataTable digits = PlantedData.digits();

        DataCheckResult result = check(digits, TrainedModel.on(digits, 32));

        assertThat(backdoor(result).flaggedCount()).isZero();
    }

    /** The poisoned samples are the planted ones and no other: a sanity check of the harness itself. */
    @Test
    void shouldPlantTheTriggerOnSamplesOfOtherClassesOnly() {
        DataTable clean = PlantedData.digits();
        Planted planted = plant(clean, 0.05, 12);

        assertThat(planted.poisoned()).hasSize((int) Math.round(0.05 * clean.size()));
        assertThat(IntStream.of(planted.poisoned()).map(i -> clean.labels()[i])).doesNotContain(planted.target());
        assertThat(IntStream.range(0, clean.size()).filter(i -> planted.data().labels()[i] != clean.labels()[i])
                .toArray()).containsExactly(planted.poisoned());
    }
}
