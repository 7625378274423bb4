package org.secmlops.core.capability.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.result.Json;

/** The trade-off read back from a result's details and rendered: every configuration, the selection, the charts. */
class DefenseHtmlTest {
    private static DefenseRow row(String defense, double clean, Double robust, Double naive, double overhead,
            boolean masking, boolean pareto) {
        return new DefenseRow(defense, clean, robust, naive, List.of(new DefenseAttack("pgd", "linf", 0.1,
                robust == null ? 0 : robust, naive)), null, null, 0.5, 0.9, 1000 / overhead, overhead, masking,
                pareto);
    }

    private static ObjectNode details(DefenseReport report) {
        ObjectNode details = Json.mapper().createObjectNode();
        details.set("robustness", Json.mapper().createObjectNode());
        details.set(RobustnessCapability.DEFENSES_KEY, Json.mapper().valueToTree(report));
        return details;
    }

    @Test
    void shouldReadTheTradeOffBackAndShowEveryConfigurationTheSelectionAndTheMaskingWarning() {
        DefenseReport report = new DefenseReport(100, 0.1, 10, List.of(row("none", 0.99, 0.42, null, 1, false, true),
                row("noise:0.1", 0.97, 0.51, 0.68, 1.4, true, true),
                row("<script>alert(1)</script>", 0.9, 0.3, 0.3, 2, false, false)), "noise:0.1",
                "the most robust configuration", List.of());

        assertThat(RobustnessCapability.defenses(details(report))).isEqualTo(report);
        String html = RobustnessCapability.INSTANCE.detailSection().render(details(report));

        assertThat(html).contains("<strong>noise:0.1</strong>").contains("the most robust configuration")
                .contains("masks gradients").contains("1.40×").contains("Robust accuracy against latency overhead")
                .contains("Robust accuracy against clean-accuracy loss").contains("&lt;script&gt;")
                .doesNotContain("<script>");
        assertThat(html.split("<tr").length - 1).as("header and three rows of the table, plus the other tables")
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldRenderNoTradeOffWhereNoneWasMeasured() {
        ObjectNode details = Json.mapper().createObjectNode();
        details.set("robustness", Json.mapper().createObjectNode());

        assertThat(RobustnessCapability.INSTANCE.detailSection().render(details)).doesNotContain("Defenses");
    }
}
