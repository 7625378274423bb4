package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.scan.ScanReport;

/** The bundled demo model (demo/model, used by demo.sh) keeps failing the gate for the right reasons. */
class DemoModelScanTest {

    private static final Path DEMO = Path.of("..", "demo", "model");

    @Test
    void shouldReportTheMaliciousDemoPickleAndLambdaAsCriticalAndNothingElse() throws Exception {
        assertThat(Files.isDirectory(DEMO)).as("demo/model next to the core module").isTrue();

        ScanReport report = ScanAssert.scan(DEMO);

        assertThat(report.findings()).extracting(f -> f.severity() + " " + f.file() + " " + f.rule())
                .containsExactly(
                        "CRITICAL keras/config.json KERAS_LAMBDA_LAYER",
                        "CRITICAL preprocess.pkl PICKLE_DANGEROUS_GLOBAL");
        assertThat(report.findings().get(1).message()).contains("posix.system").contains("REDUCE");
    }
}
