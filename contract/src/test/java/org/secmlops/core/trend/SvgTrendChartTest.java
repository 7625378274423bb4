package org.secmlops.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
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

    @Test
    void shouldLinkEachBuildsLabelAndPointToItsReport() {
        String svg = SvgTrendChart.render("Findings", List.of("CRITICAL"), List.of(
                new TrendPoint("#1", Map.of("CRITICAL", 0.0), "../1/secmlops/"),
                new TrendPoint("#3", Map.of("CRITICAL", 2.0), "../3/secmlops/"),
                new TrendPoint("#4", Map.of("CRITICAL", 1.0))));

        assertThat(svg).contains("<a href=\"../1/secmlops/\"><text", ">#1</text></a>",
                "<a href=\"../3/secmlops/\"><circle", "<title>#3 CRITICAL = 2</title></circle></a>");
        assertThat(svg.split("<a href=\"../3/secmlops/\">").length - 1).as("label and point").isEqualTo(2);
        assertThat(svg.split("<a ").length - 1).as("#4 has no link").isEqualTo(4);
        assertThat(svg).doesNotContain("onclick", "<script", "javascript:");
    }

    @Test
    void shouldEscapeLinksAndAcceptOnlyRelativePaths() {
        String svg = SvgTrendChart.render("T", List.of("A"),
                List.of(new TrendPoint("#1", Map.of("A", 1.0), "../1/x\"onmouseover=\"y/")));

        assertThat(svg).contains("<a href=\"../1/x&quot;onmouseover=&quot;y/\">").doesNotContain("\"onmouseover");
        assertThatThrownBy(() -> new TrendPoint("#1", Map.of(), "javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative");
        assertThatThrownBy(() -> new TrendPoint("#1", Map.of(), "//evil.example/1/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TrendPoint("#1", Map.of(), "/jenkins/job/a/1/secmlops/").href())
                .isEqualTo("/jenkins/job/a/1/secmlops/");
    }

    @Test
    void shouldLabelACountsAxisInWholeNumbersOnly() {
        assertThat(tickLabels(countChart(0.0, 1.0))).containsExactly("0", "1");
        assertThat(tickLabels(countChart(0.0, 0.0))).containsExactly("0", "1");
        assertThat(tickLabels(countChart(0.0, 3.0))).containsExactly("0", "1", "2", "3");
        assertThat(tickLabels(countChart(0.0, 5.0))).containsExactly("0", "2", "4", "6");
        assertThat(tickLabels(countChart(150.0, 162.0))).containsExactly("150", "153", "156", "159", "162");
    }

    @Test
    void shouldPlaceCountsOnTheirTicks() {
        String svg = countChart(0.0, 1.0);

        Matcher circles = Pattern.compile("<circle cx=\"[\\d.]+\" cy=\"([\\d.]+)\"").matcher(svg);
        Matcher ticks = Pattern.compile("<text x=\"\\d+\" y=\"([\\d.]+)\" font-size=\"10\" text-anchor=\"end\">")
                .matcher(svg);
        List<Double> tickYs = new ArrayList<>();
        while (ticks.find()) {
            tickYs.add(Double.parseDouble(ticks.group(1)) - 4);
        }
        List<Double> pointYs = new ArrayList<>();
        while (circles.find()) {
            pointYs.add(Double.parseDouble(circles.group(1)));
        }
        assertThat(pointYs).as("0 on the lowest tick, 1 on the highest").containsExactly(tickYs.get(0),
                tickYs.get(tickYs.size() - 1));
    }

    @Test
    void shouldKeepFractionalTicksForFractionsAndSeconds() {
        String svg = SvgTrendChart.render("SUSPICIOUS_FRACTION", List.of("F"), List.of(
                new TrendPoint("#1", Map.of("F", 0.0)), new TrendPoint("#2", Map.of("F", 1.0))), List.of(),
                SvgTrendChart.WIDTH);

        assertThat(tickLabels(svg)).containsExactly("0", "0.250", "0.500", "0.750", "1");
        assertThat(tickLabels(SvgTrendChart.render("wall time (s)", List.of("S"), List.of(
                new TrendPoint("#1", Map.of("S", 0.1)), new TrendPoint("#2", Map.of("S", 0.3))), List.of(),
                SvgTrendChart.WIDTH, SvgTrendChart.Scale.DECIMAL))).contains("0.150", "0.200", "0.250");
    }

    private static String countChart(double first, double second) {
        return SvgTrendChart.render("LABEL_ISSUES", List.of("N"), List.of(new TrendPoint("#1", Map.of("N", first)),
                new TrendPoint("#2", Map.of("N", second))), List.of(), SvgTrendChart.WIDTH,
                SvgTrendChart.Scale.WHOLE_NUMBERS);
    }

    private static List<String> tickLabels(String svg) {
        Matcher labels = Pattern.compile("text-anchor=\"end\">([^<]*)</text>").matcher(svg);
        List<String> found = new ArrayList<>();
        while (labels.find()) {
            found.add(labels.group(1));
        }
        return found;
    }
}
