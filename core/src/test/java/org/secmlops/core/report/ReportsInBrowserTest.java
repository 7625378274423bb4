package org.secmlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.capability.sign.VerifyCapability;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.datacheck.DataCheck;
import org.secmlops.core.datacheck.DataCheckMeasurement;
import org.secmlops.core.datacheck.DataCheckOptions;
import org.secmlops.core.datacheck.DataCheckResult;
import org.secmlops.core.datacheck.DataTable;
import org.secmlops.core.datacheck.DataTableReader;
import org.secmlops.core.capability.evaluate.CalibrationBin;
import org.secmlops.core.capability.evaluate.ClassMetrics;
import org.secmlops.core.evaluate.EvaluateMeasurement;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.robustness.AttackResult;
import org.secmlops.core.robustness.ClassRobustness;
import org.secmlops.core.robustness.RobustnessMeasurement;
import org.secmlops.core.robustness.RobustnessReport;
import org.secmlops.core.robustness.WorstCase;
import org.secmlops.core.run.GateRunner;
import org.secmlops.core.run.Measurement;
import org.secmlops.core.scan.ModelScanner;
import org.secmlops.core.scan.ScanLimits;
import org.secmlops.core.scan.ScanMeasurement;
import org.secmlops.core.scan.ScanPolicy;
import org.secmlops.core.sign.ModelSigner;
import org.secmlops.core.sign.ModelVerifier;
import org.secmlops.core.sign.SignFixturesAccess;
import org.secmlops.core.sign.SignMeasurement;
import org.secmlops.core.sign.SignRequest;
import org.secmlops.core.sign.VerifyMeasurement;
import org.secmlops.core.sign.VerifyRequest;

/**
 * Every capability's report.html, made from a real run where that is cheap (scan of the demo model, signing and
 * verifying it, a data check of scikit-learn's digits) and from realistic measurements otherwise, written and read
 * back through result.json as the CLI does, then rendered in headless Chromium under a strict Content-Security-Policy:
 * the page must render without a console message, hold no script, open with the verdict and carry its charts.
 * {@code -Dsecmlops.keepReports=DIR} keeps a copy of each report there for a look.
 */
class ReportsInBrowserTest {
    /** Blocks every script and external resource; any attempt is logged to the console, which the test reads. */
    static final String CSP = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'; img-src data:\">";
    static final Path DEMO_MODEL = Path.of("..", "demo", "model");
    static final Path DIGITS = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz");

    @TempDir
    Path dir;

    @BeforeEach
    void chromium() {
        HeadlessChromium.require();
    }

    private static GateRunResult run(Capability capability, String subject, List<QualityGate> gates,
            Measurement measurement) {
        return new GateRunner(capability, "test").run(subject, new GateSpec(ResultJson.SCHEMA_VERSION, gates, null),
                () -> measurement);
    }

    /** Writes result.json and report.html as the CLI does and renders the report from the result read back. */
    private HeadlessChromium.Rendered renderReport(Capability capability, GateRunResult result) throws Exception {
        Path reportDir = Files.createDirectories(dir.resolve(capability.id()));
        ResultJson.write(result, reportDir.resolve("result.json"));
        GateRunResult readBack = ResultJson.read(reportDir.resolve("result.json"));
        Path page = reportDir.resolve("report.html");
        HtmlReport.write(page, capability.displayName(), readBack, capability.detailSection());
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainPattern("(?i)<[^>]*\\son[a-z]+\\s*=")
                .doesNotContain("NaN", "Infinity");
        String keep = System.getProperty("secmlops.keepReports");
        if (keep != null) {
            Files.copy(page, Files.createDirectories(Path.of(keep)).resolve(capability.id() + ".html"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path guarded = reportDir.resolve("report-csp.html");
        Files.writeString(guarded, html.replaceFirst("<head>", "<head>" + CSP), StandardCharsets.UTF_8);
        HeadlessChromium.Rendered rendered = HeadlessChromium.render(guarded, dir);
        assertThat(rendered.console()).as("console messages of %s", capability.id()).isEmpty();
        assertThat(rendered.dom()).contains("<body>", "class=\"secmlops-verdict\"", "<h2>Quality gates</h2>")
                .doesNotContainIgnoringCase("<script");
        assertThat(rendered.dom().indexOf("secmlops-verdict")).isLessThan(rendered.dom().indexOf("Quality gates"));
        return rendered;
    }

    @Test
    void theConsoleCheckCatchesAScriptAndAnExternalResource() throws Exception {
        Path probe = Files.writeString(dir.resolve("probe.html"), "<!DOCTYPE html><html><head>" + CSP
                + "</head><body><img src=\"http://127.0.0.1:9/x.png\"><script>undefinedFunction();</script>"
                + "</body></html>");

        HeadlessChromium.Rendered rendered = HeadlessChromium.render(probe, dir);

        assertThat(rendered.console()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(String.join("\n", rendered.console())).contains("127.0.0.1:9", "inline script");
    }

    @Test
    void scanReportOfTheDemoModel() throws Exception {
        Measurement m = ScanMeasurement.of(new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults())
                .scan(DEMO_MODEL, line -> { }));

        HeadlessChromium.Rendered rendered = renderReport(ScanCapability.INSTANCE,
                run(ScanCapability.INSTANCE, "demo/model", List.of(), m));

        assertThat(rendered.dom()).contains("aria-label=\"Findings by severity\"", "FAILED</span> 2 critical findings"
                + " in demo/model — the model must not be loaded", "only the default gates applied");
    }

    @Test
    void signAndVerifyReportsOfTheDemoModel() throws Exception {
        Path model = copy(DEMO_MODEL, dir.resolve("model"));
        Path[] keys = SignFixturesAccess.keyPair(Files.createDirectories(dir.resolve("keys")));
        Path signature = dir.resolve("model.sig");
        Measurement signed = SignMeasurement.of(new ModelSigner().sign(
                SignRequest.of(model, signature, keys[0]), line -> { }));
        Measurement verified = VerifyMeasurement.of(new ModelVerifier().verify(
                VerifyRequest.of(model, signature, keys[1]), line -> { }));

        HeadlessChromium.Rendered sign = renderReport(SignCapability.INSTANCE,
                run(SignCapability.INSTANCE, "model", List.of(), signed));
        HeadlessChromium.Rendered verify = renderReport(VerifyCapability.INSTANCE,
                run(VerifyCapability.INSTANCE, "model", List.of(), verified));

        assertThat(sign.dom()).contains("PASSED</span> signed 4 files (");
        assertThat(verify.dom()).contains("PASSED</span> the signature is valid and 4 files of model are unchanged");
    }

    @Test
    void evaluateReportWithClassNames() throws Exception {
        EvaluationReport report = new EvaluationReport(300, 3, 0.9, 0.04, 2.5, 12000.5, 32, false, "ONNX Runtime",
                "cpu()", List.of(new ClassMetrics(0, 100, 95, 0.95, 0.9), new ClassMetrics(1, 100, 105, 0.86, 0.9),
                        new ClassMetrics(2, 100, 100, 0.9, 0.9)),
                List.of(List.of(90L, 6L, 4L), List.of(3L, 90L, 7L), List.of(2L, 8L, 90L)),
                List.of(new CalibrationBin(0.6, 0.8, 100, 0.72, 0.7), new CalibrationBin(0.8, 1.0, 200, 0.93, 1.0),
                        new CalibrationBin(0.2, 0.4, 0, Double.NaN, Double.NaN)));
        Measurement m = EvaluateMeasurement.of(report, "model.onnx", "test.csv",
                new ClassNames(List.of("cat", "dog", "bird")));

        HeadlessChromium.Rendered rendered = renderReport(EvaluateCapability.INSTANCE, run(EvaluateCapability.INSTANCE,
                "model.onnx", List.of(QualityGate.absolute("ACCURACY", 0.85, Criticality.FAILURE)), m));

        assertThat(rendered.dom()).contains("aria-label=\"Confusion matrix\"", "aria-label=\"Reliability diagram\"",
                "PASSED</span> accuracy 0.9 on 300 samples, ECE 0.04 (gate: ACCURACY", "<td>bird (2)</td>",
                "2.50 ms", "12000.5 samples/s");
    }

    @Test
    void robustnessReportWithItsCurve() throws Exception {
        List<AttackResult> attacks = new ArrayList<>();
        double[] eps = {0.01, 0.03, 0.1};
        double[][] accuracy = {{0.8, 0.6, 0.2}, {0.75, 0.42, 0.1}};
        String[] names = {"fgsm", "pgd"};
        for (int a = 0; a < 2; a++) {
            for (int e = 0; e < eps.length; e++) {
                attacks.add(new AttackResult(names[a], "linf", true, eps[e], accuracy[a][e], 1 - accuracy[a][e] / 0.9,
                        90, 10, eps[e] * 0.9, Arrays.asList(accuracy[a][e], null), 0.5, 4L << 20, 90, 90, 2));
            }
        }
        RobustnessReport report = new RobustnessReport("TensorFlow 2.16.1", "cpu()", 100, 2, false, "[0.0, 1.0]", 0,
                0.9, 0.1, attacks, List.of(), List.of(new WorstCase(0.01, 0.75, 0.17), new WorstCase(0.03, 0.42,
                        0.53), new WorstCase(0.1, 0.1, 0.89)), List.of(new ClassRobustness(0, 50, 0.9, 0.1),
                        new ClassRobustness(1, 50, 0.9, 0.1)), List.of(), null, List.of(), List.of(), List.of(), 0.2);
        Measurement m = RobustnessMeasurement.of(report, "model/", "data.csv", "observed in the first 100 samples",
                new ClassNames(List.of("benign", "malicious")));

        HeadlessChromium.Rendered rendered = renderReport(RobustnessCapability.INSTANCE, run(
                RobustnessCapability.INSTANCE, "model/", List.of(), m));

        assertThat(rendered.dom()).contains("aria-label=\"Robust accuracy against ε (linf)\"",
                "robust accuracy 0.1 at ε = 0.1 (linf), clean accuracy 0.9", "<td>malicious (1)</td>", "0.500 s",
                "4.0 MiB");
    }

    @Test
    void dataCheckReportOfDigitsWithDriftAgainstAReference() throws Exception {
        List<String> rows = digitsRows();
        StringBuilder header = new StringBuilder();
        for (int p = 0; p < 64; p++) {
            header.append("pixel").append(p).append(',');
        }
        header.append("digit\n");
        Path reference = Files.writeString(dir.resolve("reference.csv"),
                header + String.join("\n", rows.subList(0, 300)) + "\n");
        Path data = Files.writeString(dir.resolve("train.csv"),
                header + String.join("\n", rows.subList(300, 600)) + "\n");
        DataTable train = DataTableReader.read(Datasets.open(DataSpec.of(data).withLabelColumn("digit")), 2);
        DataTable before = DataTableReader.read(Datasets.open(DataSpec.of(reference).withLabelColumn("digit")), 1);
        DataCheckResult result = new DataCheck(DataCheckOptions.defaults(), line -> { }).run(train, null, before,
                null);
        Measurement m = DataCheckMeasurement.of(result.report(), new ClassNames(
                List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")));

        HeadlessChromium.Rendered rendered = renderReport(DataCheckCapability.INSTANCE, run(
                DataCheckCapability.forRun(true, false), "train.csv", List.of(), m));

        assertThat(rendered.dom()).contains("aria-label=\"Scores of ", "aria-label=\"Samples per class\"",
                "aria-label=\"Drift per feature (PSI)\"", "of 300 samples suspicious", "nine (9)", ">pixel");
    }

    /** The first 600 rows of scikit-learn's digits as CSV lines (64 pixel values 0..16, then the digit). */
    private static List<String> digitsRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(DIGITS)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && rows.size() < 600; line = in.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.strip());
                }
            }
        }
        return rows;
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }
}
