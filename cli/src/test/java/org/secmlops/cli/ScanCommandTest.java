package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

class ScanCommandTest {
    /** Protocol 2: GLOBAL 'os system', the argument tuple, REDUCE, STOP; i.e. os.system('echo pwned'). */
    static final byte[] OS_SYSTEM_PICKLE = concat(new byte[] {(byte) 0x80, 2}, ascii("cos\nsystem\n"),
            new byte[] {'X', 10, 0, 0, 0}, ascii("echo pwned"), new byte[] {(byte) 0x85, 'R', '.'});
    /** Protocol 2: GLOBAL 'collections OrderedDict', empty tuple, REDUCE, STOP. */
    static final byte[] BENIGN_PICKLE = concat(new byte[] {(byte) 0x80, 2}, ascii("ccollections\nOrderedDict\n"),
            new byte[] {')', 'R', '.'});

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
    }

    @Test
    void shouldFailOnMaliciousPickleWithDefaultGatesAndWriteResultAndReport() throws Exception {
        Path model = Files.createDirectories(directory.resolve("model"));
        Files.write(model.resolve("weights.pkl"), OS_SYSTEM_PICKLE);
        Path reportDir = directory.resolve("report");

        int exit = SecMLOpsCli.execute("scan", model.toString(), "--report-dir", reportDir.toString());

        assertThat(exit).isEqualTo(ExitCode.FAILED.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.capability()).isEqualTo("scan");
        assertThat(result.status()).isEqualTo(GateStatus.FAILED);
        assertThat(result.metrics()).containsEntry("CRITICAL_FINDINGS", 1.0).containsEntry("FILES_SCANNED", 1.0);
        assertThat(result.details().path("findings").get(0).path("message").asText()).contains("os.system");
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("os.system", "secmlops-FAILED");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[secmlops] ", "weights.pkl", "FAILED");
    }

    @Test
    void shouldPassBenignModel() throws Exception {
        Path model = Files.createDirectories(directory.resolve("model"));
        Files.write(model.resolve("state.pkl"), BENIGN_PICKLE);

        int exit = SecMLOpsCli.execute("scan", model.toString(), "--report-dir", directory.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.PASSED.code());
        assertThat(ResultJson.read(directory.resolve("r/result.json")).metrics())
                .containsEntry("CRITICAL_FINDINGS", 0.0).containsEntry("HIGH_FINDINGS", 0.0);
    }

    @Test
    void shouldApplyUserGatesInsteadOfDefaults() throws Exception {
        Path model = Files.write(directory.resolve("weights.pkl"), OS_SYSTEM_PICKLE);

        int exit = SecMLOpsCli.execute("scan", model.toString(), "--report-dir", directory.resolve("r").toString(),
                "--gate", "CRITICAL_FINDINGS:0:UNSTABLE");

        assertThat(exit).isEqualTo(ExitCode.UNSTABLE.code());
        assertThat(ResultJson.read(directory.resolve("r/result.json")).gates().results()).hasSize(1);
    }

    @Test
    void shouldCompareDeltaGateWithReferenceResult() throws Exception {
        Path clean = Files.write(directory.resolve("clean.pkl"), BENIGN_PICKLE);
        Path dirty = Files.write(directory.resolve("dirty.pkl"), OS_SYSTEM_PICKLE);
        SecMLOpsCli.execute("scan", clean.toString(), "--report-dir", directory.resolve("before").toString());

        int exit = SecMLOpsCli.execute("scan", dirty.toString(), "--report-dir", directory.resolve("after").toString(),
                "--gate", "CRITICAL_FINDINGS:0:FAILURE:DELTA",
                "--reference-result", directory.resolve("before/result.json").toString());

        assertThat(exit).isEqualTo(ExitCode.FAILED.code());
        GateRunResult result = ResultJson.read(directory.resolve("after/result.json"));
        assertThat(result.gates().results().get(0).referenceValue()).isEqualTo(0.0);
    }

    @Test
    void shouldReportUsageErrorForUnknownMetricOrMalformedGate() {
        Path reportDir = directory.resolve("r");

        assertThat(SecMLOpsCli.execute("scan", directory.toString(), "--report-dir", reportDir.toString(),
                "--gate", "ACCURACY:0.5")).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(SecMLOpsCli.execute("scan", directory.toString(), "--report-dir", reportDir.toString(),
                "--gate", "CRITICAL_FINDINGS:many")).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(SecMLOpsCli.execute("scan")).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(reportDir).doesNotExist();
    }

    @Test
    void shouldReportInputErrorForMissingPathAndMalformedGatesFile() throws Exception {
        Path gates = Files.writeString(directory.resolve("gates.json"), "{\"schemaVersion\":1,\"gates\":[");

        assertThat(SecMLOpsCli.execute("scan", directory.resolve("missing").toString(), "--report-dir",
                directory.resolve("r").toString())).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(SecMLOpsCli.execute("scan", directory.toString(), "--report-dir",
                directory.resolve("r").toString(), "--gates-file", gates.toString()))
                .isEqualTo(ExitCode.INPUT_ERROR.code());
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }
}
