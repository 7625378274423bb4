package org.secmlops.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.evaluate.CalibrationBin;
import org.secmlops.core.capability.evaluate.ClassMetrics;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.run.Measurement;

class EvaluateReportTest {
    static EvaluationReport report() {
        return new EvaluationReport(20, 3, 0.8, 0.05, 3.25, 1520.34, 8, false, "ONNX Runtime 1.20", "cpu()",
                List.of(new ClassMetrics(0, 10, 9, 1.0, 0.9), new ClassMetrics(1, 10, 11, 9.0 / 11, 0.9),
                        new ClassMetrics(2, 0, 0, Double.NaN, Double.NaN)),
                List.of(List.of(9L, 1L, 0L), List.of(1L, 9L, 0L), List.of(0L, 0L, 0L)),
                List.of(new CalibrationBin(0.8, 0.9, 20, 0.85, 0.8), new CalibrationBin(0.1, 0.2, 0, Double.NaN,
                        Double.NaN)));
    }

    @Test
    void classNamesLabelTheConfusionMatrixAndThePerClassTable() throws Exception {
        Measurement m = EvaluateMeasurement.of(report(), "model.onnx", "test.csv",
                ClassNames.parse("cat,<dog>"));

        String html = EvaluateCapability.INSTANCE.detailSection().render(m.details());

        assertThat(m.details().path("classNames").toString()).isEqualTo("[\"cat\",\"<dog>\"]");
        assertThat(html).contains("aria-label=\"Confusion matrix\"", "true class cat, predicted class &lt;dog&gt;: 1",
                "<th>&lt;dog&gt;</th>", "<td>&lt;dog&gt; (1)</td>", "<td>2</td>").doesNotContain("<dog>");
    }

    @Test
    void calibrationIsAReliabilityDiagramAndNaNReadsNotAvailable() {
        Measurement m = EvaluateMeasurement.of(report(), "model.onnx", "test.csv");

        String html = EvaluateCapability.INSTANCE.detailSection().render(m.details());

        assertThat(html).contains("aria-label=\"Reliability diagram\"", "20 samples, mean confidence 0.85, accuracy 0.8",
                "<td>n/a</td>", "3.25 ms", "1520.3 samples/s").doesNotContain("NaN");
    }
}
