package org.secmlops.core.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgTrendChartTest {
    @Test
    void shouldDrawOnePointPerBuildWithValueAndHigherValuesHigher() {
        String svg = SvgTrendChart.render("Findings", List.of("CRITICAL"), List.of(
                new TrendPoint("#1", Map.of("CRITICAL", 0.0)),
                new TrendPoint("#2", Map.of()),
                new TrendPoint("#3", Map.of("CRITICAL", 4.0))));

        Matcher circles = Pattern.compile("<circle cx=\"([\\d.]+)\" cy=\"([\\d.]+)\"").matcher(svg);
        assertThat(circles.find()).isTrue();
        double firstY = Double.parseDouble(circles.group(2));
        assertThat(circles.find()).isTrue();
        double secondY = Double.parseDouble(circles.group(2));
        assertThat(circles.find()).isFalse();
        assertThat(secondY).isLessThan(firstY);
        assertThat(svg).contains("<title>#3 CRITICAL = 4</title>", "<polyline");
    }

    @Test
    void shouldBeFreeOfScriptsAndStyleAttributesAndEscapeLabels() {
        String svg = SvgTrendChart.render("<script>x</script>", List.of("A\"onload=\"x"),
                List.of(new TrendPoint("<b>#1</b>", Map.of("A\"onload=\"x", 1.0))));

        assertThat(svg).doesNotContain("<script", "style=", "<b>", "\"onload=\"")
                .contains("&lt;script&gt;", "&lt;b&gt;#1&lt;/b&gt;");
    }

    @Test
    void shouldSayNoDataWhenNoBuildHasValues() {
        assertThat(SvgTrendChart.render("Empty", List.of("A"), List.of(new TrendPoint("#1", Map.of()))))
                .contains("No data yet").doesNotContain("<circle");
    }

    @Test
    void shouldDrawTheThresholdAsADashedLineInsideTheScale() {
        String svg = SvgTrendChart.render("ROBUST_ACCURACY", List.of("R"), List.of(new TrendPoint("#1", Map.of("R",
                0.8)), new TrendPoint("#2", Map.of("R", 0.9))), List.of(new SvgTrendChart.Threshold("gate >= 0.4",
                0.4)), SvgTrendChart.SMALL_WIDTH);

        assertThat(svg).contains("width=\"340\"").contains("stroke-dasharray").contains("<title>gate &gt;= 0.4</title>")
                .as("the axis reaches down to the threshold").contains(">0.400<");
    }
}
