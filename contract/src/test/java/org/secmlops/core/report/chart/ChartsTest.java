package org.secmlops.core.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
    @Test
    void barLengthsAreProportionalToTheValuesAndCarryTheirUnit() {
        // axis 0..4 over a plot of 560 - 170 - 90 = 300 pixels: 2 is 150 pixels, 4 is 300
        String svg = new BarChart("Findings by severity", "findings", List.of(
                new BarChart.Bar("HIGH", 2, null), new BarChart.Bar("CRITICAL", 4, "#d62728")), null, null).render();

        assertThat(svg).startsWith("<svg").contains("role=\"img\"", "aria-label=\"Findings by severity\"",
                "<title>Findings by severity</title>", "width=\"150.0\"", "width=\"300.0\" height=\"14.0\""
                        + " fill=\"#d62728\"", ">4 findings<", ">2 findings<");
    }

    @Test
    void smallCountsGetWholeTicks() {
        // two findings on a 300-pixel plot: ticks at 0, 1 and 2, 150 pixels apart, never at 0.5
        String svg = new BarChart("Findings", "findings", List.of(new BarChart.Bar("CRITICAL", 2, null),
                new BarChart.Bar("HIGH", 0, null)), null, null).render();

        assertThat(svg).contains(">0<", ">1<", ">2<", "x1=\"320.0\"", "width=\"300.0\"").doesNotContain(">0.5<",
                ">1.5<");
    }

    @Test
    void barsEscapeLabelsAndShowMissingValuesAsNotAvailable() {
        String svg = new BarChart("PSI <per> feature", "", List.of(new BarChart.Bar("<img src=x>", Double.NaN, null),
                new BarChart.Bar("f1", Double.POSITIVE_INFINITY, null)), 0.25, "major drift 0.25").render();

        assertThat(svg).contains("aria-label=\"PSI &lt;per&gt; feature\"", "&lt;img src=x&gt;", ">n/a<",
                ">major drift 0.25<").doesNotContain("<img", "NaN", "Infinity");
    }

    @Test
    void barColoursMustBeHexTriplets() {
        assertThatThrownBy(() -> new BarChart.Bar("x", 1, "red\" onload=\"x")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void lineChartPlacesPointsOnATrueScaleXAxisAndAFixedZeroToOneYAxis() {
        // x axis 0..0.1 over 494 pixels from x = 50: 0.03 lies at 50 + 494 × 0.3 = 198.2 (not halfway, where a
        // categorical axis would put the second of three points); y 0.5 lies at 26 + 180 × 0.5 = 116
        String svg = new LineChart("Robust accuracy against ε", "ε (linf)", "robust accuracy", List.of(
                new LineChart.Series("pgd", List.of(new LineChart.Point(0.1, 0.2), new LineChart.Point(0, 1),
                        new LineChart.Point(0.03, 0.5), new LineChart.Point(0.05, Double.NaN))))).render();

        assertThat(svg).contains("aria-label=\"Robust accuracy against ε\"",
                "points=\"50.0,26.0 198.2,116.0 544.0,170.0\"", ">0.1<", ">1<").doesNotContain("NaN");
    }

    @Test
    void lineChartGrowsWithItsLegend() {
        // one legend row: 26 + 180 + 52 + 10 = 268 high; names of 14 characters take 24 + 87 = 111 pixels, four to a
        // row of 494, so twelve lines take three rows: 32 pixels more
        List<LineChart.Series> twelve = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twelve.add(new LineChart.Series(String.format("attack-name-%02d", i), List.of(new LineChart.Point(1, 1))));
        }

        assertThat(new LineChart("c", "x", "y", twelve.subList(0, 1)).render()).contains("height=\"268\"");
        assertThat(new LineChart("c", "x", "y", twelve).render()).contains("height=\"300\"");
    }

    @Test
    void heatmapShadesEachCellByItsShareOfTheRow() {
        // row 0: 8 of 10 = 0.8 → #396aa9; row 1: 10 of 10 → #084594; an empty cell stays white
        String svg = new Heatmap("Confusion matrix", "true class", "predicted class", List.of("cat", "<dog>"),
                List.of("cat", "<dog>"), List.of(List.of(8L, 2L), List.of(0L, 10L))).render();

        assertThat(svg).contains("aria-label=\"Confusion matrix\"", "fill=\"#396aa9\"", "fill=\"#084594\"",
                "fill=\"#ffffff\"", "true class cat, predicted class &lt;dog&gt;: 2 (20 % of the row)", ">8<")
                .doesNotContain("<dog>");
    }

    @Test
    void heatmapRejectsCountsThatAreNotAMatrixOfTheLabels() {
        assertThatThrownBy(() -> new Heatmap("m", "r", "c", List.of("a", "b"), List.of("a", "b"),
                List.of(List.of(1L, 2L), List.of(3L)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void histogramMarksTheThresholdAtItsValueAndStacksTheFlaggedSamples() {
        // x 0..1 over 356 pixels from 50: 0.5 at 228; counts axis 0..3 over 120 pixels: 2 flagged are 80 high
        String svg = new Histogram("knn-labels scores", "score", 0, 1, List.of(1L, 3L), List.of(0L, 2L), 0.5)
                .render();

        assertThat(svg).contains("aria-label=\"knn-labels scores\"", "x1=\"228.0\" y1=\"24.0\" x2=\"228.0\"",
                ">threshold 0.5<", "height=\"80.0\" fill=\"#d62728\"", "score 0.5–1: 3 samples, 2 flagged");
    }

    @Test
    void histogramLeavesOutAThresholdOutsideItsRange() {
        String svg = new Histogram("s", "score", 0, 1, List.of(1L), List.of(), 2.0).render();

        assertThat(svg).doesNotContain("threshold");
    }

    @Test
    void reliabilityDiagramDrawsAccuracyPerBinAndSkipsEmptyBins() {
        // bin 0.8..0.9 with accuracy 0.6: from x 50 + 160 to 50 + 180, top at 28 + 200 × 0.4 = 108, 120 high
        String svg = new ReliabilityDiagram("Reliability diagram", List.of(
                new ReliabilityDiagram.Bin(0.8, 0.9, 10, 0.85, 0.6),
                new ReliabilityDiagram.Bin(0.1, 0.2, 0, Double.NaN, Double.NaN))).render();

        assertThat(svg).contains("aria-label=\"Reliability diagram\"",
                "x=\"210.5\" y=\"108.0\" width=\"19.0\" height=\"120.0\"", "cx=\"220.0\" cy=\"108.0\"",
                "10 samples, mean confidence 0.85, accuracy 0.6").doesNotContain("NaN", "0.1–0.2");
    }

    @Test
    void valuesAreShortAndNeverNaN() {
        assertThat(Svg.value(0.030000000000000002)).isEqualTo("0.03");
        assertThat(Svg.value(Double.NaN)).isEqualTo("n/a");
        assertThat(Svg.value(1234.0)).isEqualTo("1234");
        assertThatThrownBy(() -> Svg.c(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
