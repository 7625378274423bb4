package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnerCacheTest {
    @TempDir
    Path dir;

    private static final int PER_CLASS = 60;

    /** Three separated classes of 60; samples 7 and 100 carry a wrong label. */
    private static DataTable data(float[][] x, int[] y) {
        return PlantedData.table("d", x, y, new int[] {x[0].length}, false);
    }

    private static int[] plantedLabels() {
        int[] y = Synthetic.labels(3, PER_CLASS);
        y[7] = 2;
        y[100] = 0;
        return y;
    }

    private static DataCheckResult check(DataTable table, LearnerCache previous, List<String> log)
            throws Exception {
        return new DataCheck(DataCheckOptions.defaults(), log::add).run(table, null, null, null, previous);
    }

    @Test
    void aRerunShouldTrainTheLearnersOnlyForAddedAndModifiedSamplesAndStillFindTheFlips() throws Exception {
        float[][] x = Synthetic.blobs(3, PER_CLASS, 6, 8, 3);
        int[] y = plantedLabels();
        DataCheckResult first = check(data(x, y), null, new ArrayList<>());
        Path file = dir.resolve("cache.bin");
        first.learnerCache().write(file);

        float[][] changed = Arrays.copyOf(x, x.length + 1);
        changed[3] = x[3].clone();
        changed[3][0] += 0.05f;
        changed[x.length] = x[PER_CLASS + 1].clone();
        changed[x.length][1] += 0.03f;
        int[] labels = Arrays.copyOf(y, y.length + 1);
        labels[x.length] = 1;
        List<String> log = new ArrayList<>();
        DataCheckResult second = check(data(changed, labels), LearnerCache.read(file), log);

        assertThat(log).as(String.join("\n", log)).anyMatch(line -> line.equals("learner cache: " + (x.length - 1) + " samples unchanged since"
                + " the cached check, the learners ran for the 2 added or modified"));
        assertThat(second.report().suspects()).extracting(Suspect::id).contains("#7", "#100");
        assertThat(second.learnerCache().size()).isEqualTo(first.learnerCache().size() + 1);
    }

    @Test
    void aCacheMadeWithOtherSettingsShouldBeIgnoredAndChangeNothing() throws Exception {
        float[][] x = Synthetic.blobs(3, PER_CLASS, 6, 8, 4);
        int[] y = plantedLabels();
        DataTable table = data(x, y);
        LearnerCache otherSeed = new DataCheck(DataCheckOptions.defaults().withSeed(9), line -> { })
                .run(table, null, null, null, null).learnerCache();
        List<String> log = new ArrayList<>();

        DataCheckResult withCache = check(table, otherSeed, log);
        DataCheckResult without = check(table, null, new ArrayList<>());

        assertThat(log).anyMatch(line -> line.startsWith("learner cache not used: it was made with other settings"));
        assertThat(withCache.combined()).containsExactly(without.combined());
    }

    @Test
    void shouldRoundTripAndRefuseDamagedFilesClearly() throws Exception {
        float[][] x = Synthetic.blobs(3, PER_CLASS, 6, 8, 5);
        LearnerCache cache = check(data(x, plantedLabels()), null, new ArrayList<>()).learnerCache();
        Path file = dir.resolve("c.bin");
        cache.write(file);
        LearnerCache read = LearnerCache.read(file);
        assertThat(read.fingerprint()).isEqualTo(cache.fingerprint());
        assertThat(read.size()).isEqualTo(cache.size());

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("t.bin"), Arrays.copyOf(bytes, bytes.length - 3));
        Path foreign = Files.writeString(dir.resolve("f.bin"), "{\"not\": \"a cache\"}");
        assertThatThrownBy(() -> LearnerCache.read(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> LearnerCache.read(foreign)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a SecMLOps learner cache");
        assertThat(Files.list(dir)).allMatch(p -> !p.getFileName().toString().endsWith(".tmp"));
    }
}
