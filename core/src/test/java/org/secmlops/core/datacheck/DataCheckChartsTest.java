package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.datacheck.DataCheckHtml;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.Json;

class DataCheckChartsTest {
    @TempDir
    Path dir;

    private DataTable read(String name, String csv) throws Exception {
        Path file = Files.writeString(dir.resolve(name), csv);
        return DataTableReader.read(Datasets.open(DataSpec.of(file).withLabelColumn("label")), 1);
    }

    @Test
    void driftNamesTheCsvColumnsAndDrawsThePsiPerFeatureAsBars() throws Exception {
        StringBuilder reference = new StringBuilder("age,label,income\n");
        StringBuilder shifted = new StringBuilder("age,label,income\n");
        for (int i = 0; i < 200; i++) {
            reference.append(i % 50).append(',').append(i % 2).append(',').append(i).append('\n');
            shifted.append(i % 50).append(',').append(i % 2).append(',').append(i + 1000).append('\n');
        }
        DataTable before = read("reference.csv", reference.toString());
        DataTable after = read("data.csv", shifted.toString());

        DriftReport drift = DriftReport.compare(before, after);
        ObjectNode r = Json.mapper().createObjectNode();
        r.set("drift", Json.mapper().valueToTree(drift));
        String html = DataCheckHtml.render(r);

        assertThat(after.featureNames()).containsExactly("age", "income");
        assertThat(drift.top().get(0).name()).isEqualTo("income");
        assertThat(html).contains("aria-label=\"Drift per feature (PSI)\"", ">major drift 0.25<", "<td>income</td>",
                "<td>age</td>").doesNotContain("feature 0", "feature 1");
    }

    @Test
    void withoutAHeaderFeaturesAreNamedByTheirIndex() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.csv"), "1,2,0\n3,4,1\n");
        DataTable table = DataTableReader.read(Datasets.open(DataSpec.of(file).withLabelColumn("-1")
                .withHeader(false)), 1);

        assertThat(table.featureNames()).isEmpty();
        assertThat(table.featureName(1)).isEqualTo("feature 1");
    }

    @Test
    void eachDetectorGetsAScoreHistogramWithItsThresholdAndClassesTheirNames() {
        ObjectNode r = Json.mapper().createObjectNode();
        ObjectNode detector = r.putArray("detectors").addObject();
        detector.put("detector", "knn-labels");
        detector.set("scores", Json.mapper().valueToTree(ScoreHistogram.of(new double[] {0, 0.25, 0.5, 0.75, 1},
                new boolean[] {false, false, false, true, true})));
        r.putObject("balance").putArray("counts").add(3).add(2);
        ObjectNode suspect = r.putArray("suspects").addObject();
        suspect.put("id", "s1");
        suspect.put("label", 0);
        suspect.put("suggestedLabel", 1);
        suspect.put("score", Double.NaN);

        String html = DataCheckHtml.render(r, new ClassNames(List.of("cat", "dog")));

        assertThat(html).contains("aria-label=\"Scores of knn-labels\"", ">threshold 0.75<",
                "aria-label=\"Samples per class\"", "cat (0): 3 samples", "<td>cat (0)</td><td>dog (1)</td><td>n/a</td>")
                .doesNotContain("NaN");
    }

    @Test
    void integrityListsSampleIdsInNaturalOrder() {
        ObjectNode r = Json.mapper().createObjectNode();
        ObjectNode integrity = r.putObject("integrity");
        integrity.putArray("added").add("s10").add("s2").add("s1");
        integrity.putArray("removed");
        integrity.putArray("modified");

        String html = DataCheckHtml.render(r);

        assertThat(html).contains("Added: 3 samples &#8212; s1, s2, s10");
    }
}
