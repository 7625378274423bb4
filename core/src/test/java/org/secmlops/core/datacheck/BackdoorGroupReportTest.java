package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.datacheck.DataCheckHtml;
import org.secmlops.core.result.Json;

/** The report of a trigger group: target, size, trigger, suggested labels and a mean-difference heat map. */
class BackdoorGroupReportTest {
    @Test
    void shouldReportTheTriggerGroupWithItsHeatMapAndSuggestedLabels() throws Exception {
        DataTable clean = PlantedData.fashion(3_000);
        Random random = new Random(51);
        PlantedData.Trigger trigger = new PlantedData.Trigger(28, 1, 1, 4, 255f, false);
        int[] poisoned = PlantedData.outside(clean, 3, 150, random);
        DataTable data = PlantedData.backdoor(clean, poisoned, trigger, 3);

        DataCheckResult result = new DataCheck(DataCheckOptions.defaults(), line -> { }).run(data, null, null, null);
        DataCheckReport report = result.report();

        assertThat(report.backdoorGroups()).hasSize(1);
        BackdoorGroup group = report.backdoorGroups().get(0);
        assertThat(group.targetClass()).isEqualTo(3);
        assertThat(group.size()).isEqualTo(150);
        int[] patch = IntStream.range(0, 16).map(p -> (1 + p / 4) * 28 + 1 + p % 4).toArray();
        assertThat(group.triggerFeatures()).containsExactlyInAnyOrder(IntStream.of(patch).boxed()
                .toArray(Integer[]::new));
        assertThat(group.triggerValues()).containsOnly(255f);
        int trueLabelsFound = IntStream.of(poisoned).map(i -> clean.labels()[i]).distinct().toArray().length;
        assertThat(group.suggestedLabels()).doesNotContainKey(3).hasSizeLessThanOrEqualTo(trueLabelsFound);
        assertThat(group.suggestedLabels().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(150);
        double strongest = group.heatMap().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(group.heatMap().values().get(patch[0])).isEqualTo(strongest);
        assertThat(group.members()).hasSize(100);
        DetectorResult backdoor = BackdoorRatesTest.backdoor(result);
        long restored = IntStream.of(poisoned).filter(i -> backdoor.suggested()[i] == clean.labels()[i]).count();
        assertThat((double) restored / poisoned.length).as("suggestions that restore the true label")
                .isGreaterThanOrEqualTo(0.6);

        JsonNode json = Json.mapper().valueToTree(report);
        String html = DataCheckHtml.render(json);
        int start = html.lastIndexOf("<svg", html.indexOf("class=\"secmlops-trigger-map\""));
        String svg = html.substring(start, html.indexOf("</svg>", start));
        assertThat(svg).contains("secmlops-trigger-map", "fill=\"#ffffff\"")
                .doesNotContain("<script", "style=", "href", " on");
        assertThat(svg.split("<rect ")).hasSize(28 * 28 + 1);
        assertThat(html).contains("Backdoor trigger groups");
    }
}
