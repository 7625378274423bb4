package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

class SignCommandTest {
    /** P-384 SEC1 private key as {@code openssl ecparam -genkey -noout} writes it. */
    static final String P384_PRIVATE = """
            -----BEGIN EC PRIVATE KEY-----
            MIGkAgEBBDDUIkpKvQhUDuTfVIEj8lBNfI1op09gnShK8PiEbAEVgfoWn1fGm3w6
            S0lVyKkZzoygBwYFK4EEACKhZANiAARziGwf+TqURN1n/wHf46XAsCQIWX/sQJgH
            L1G4oVP0CtdtnX9iKd8XPMXUGIUmvEq1st1v7Lfbao7LMLkg5M2FB4cZ8eSxuBNB
            0VbXqTaWngcR05Id0+UJlb+N1HKNjUs=
            -----END EC PRIVATE KEY-----
            """;
    static final String P384_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEc4hsH/k6lETdZ/8B3+OlwLAkCFl/7ECY
            By9RuKFT9ArXbZ1/YinfFzzF1BiFJrxKtbLdb+y322qOyzC5IOTNhQeHGfHksbgT
            QdFW16k2lp4HEdOSHdPlCZW/jdRyjY1L
            -----END PUBLIC KEY-----
            """;
    /** Distinctive pieces of the private key's PEM body that must never be printed or written. */
    static final String[] SECRET_PIECES = {"MIGkAgEBBDDUIkpKvQhUDuTfVIEj8lBN", "0VbXqTaWngcR05Id0+UJlb+N1HKNjUs="};

    @TempDir
    Path directory;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream out = console.out();
    private final ByteArrayOutputStream err = console.err();

    static Path model(Path directory) throws Exception {
        Path model = Files.createDirectories(directory.resolve("model/weights"));
        Files.writeString(model.resolve("layer.bin"), "0123456789".repeat(100));
        Files.writeString(model.resolveSibling("config.json"), "{}");
        return model.getParent();
    }

    @Test
    void shouldRefuseSignaturePathsThatWouldDestroyAModelFileOrCollideWithTheReport() throws Exception {
        Path model = model(directory);
        Path key = Files.writeString(directory.resolve("key.pem"), P384_PRIVATE);
        Path config = model.resolve("config.json");
        Path reportDir = directory.resolve("report");

        int overModel = SecMLOpsCli.execute("sign", model.toString(), "--key", key.toString(), "--signature",
                config.toString(), "--report-dir", reportDir.toString());
        int overReport = SecMLOpsCli.execute("sign", model.toString(), "--key", key.toString(), "--signature",
                reportDir.resolve("report.html").toString(), "--report-dir", reportDir.toString());

        assertThat(overModel).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(Files.readString(config)).isEqualTo("{}");
        assertThat(overReport).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a Sigstore bundle", "where the report goes");
    }

    @Test
    void shouldSignAModelAndWriteResultReportAndSignatureWithoutThePrivateKey() throws Exception {
        Path model = model(directory);
        Path key = Files.writeString(directory.resolve("key.pem"), P384_PRIVATE);
        Path signature = directory.resolve("model.sig");
        Path reportDir = directory.resolve("report");

        int exit = SecMLOpsCli.execute("sign", model.toString(), "--key", key.toString(), "--signature",
                signature.toString(), "--method", "shards", "--shard-size", "300", "--report-dir", reportDir.toString());

        assertThat(exit).isEqualTo(ExitCode.PASSED.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.capability()).isEqualTo("sign");
        assertThat(result.status()).isEqualTo(GateStatus.PASSED);
        assertThat(result.metrics()).containsEntry("FILES_SIGNED", 2.0).containsEntry("BYTES_SIGNED", 1002.0);
        assertThat(result.details().path("method").asText()).isEqualTo("shards");
        assertThat(result.details().path("keyCurve").asText()).isEqualTo("P-384");
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("weights/layer.bin", "P-384");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[secmlops] signing", "wrote signature");
        String everything = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)
                + Files.readString(reportDir.resolve("result.json")) + Files.readString(reportDir.resolve("report.html"))
                + Files.readString(signature);
        for (String piece : SECRET_PIECES) {
            assertThat(everything).doesNotContain(piece);
        }
        assertThat(everything).doesNotContain("PRIVATE KEY-----");
    }

    @Test
    void shouldReportInputErrorsWithoutQuotingTheKey() throws Exception {
        Path model = model(directory);
        Path broken = Files.writeString(directory.resolve("broken.pem"),
                P384_PRIVATE.replace("MIGkAgEBBDDUIkpKvQhUDuTfVIEj8lBN", "MIGkAgEBBDDUIkpKvQhUDuTfVIEj8lB!"));
        Path key = Files.writeString(directory.resolve("key.pem"), P384_PRIVATE);

        int missingModel = SecMLOpsCli.execute("sign", directory.resolve("none").toString(), "--key", key.toString(),
                "--signature", directory.resolve("m.sig").toString(), "--report-dir", directory.resolve("r").toString());
        int brokenKey = SecMLOpsCli.execute("sign", model.toString(), "--key", broken.toString(),
                "--signature", directory.resolve("m.sig").toString(), "--report-dir", directory.resolve("r").toString());
        int badMethod = SecMLOpsCli.execute("sign", model.toString(), "--key", key.toString(), "--method", "blocks",
                "--signature", directory.resolve("m.sig").toString(), "--report-dir", directory.resolve("r").toString());

        assertThat(missingModel).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(brokenKey).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(badMethod).isEqualTo(ExitCode.USAGE_ERROR.code());
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains("ERROR: model path", "does not exist", "ERROR: private key", "not valid base64");
        for (String piece : SECRET_PIECES) {
            assertThat(errors + out.toString(StandardCharsets.UTF_8)).doesNotContain(piece);
        }
        assertThat(directory.resolve("m.sig")).doesNotExist();
    }

    @Test
    void shouldAttestGateResultsThatVerifyRequiresAndRefuseAFailedOne() throws Exception {
        Path model = model(directory);
        Path key = Files.writeString(directory.resolve("key.pem"), P384_PRIVATE);
        Path publicKey = Files.writeString(directory.resolve("key.pub"), P384_PUBLIC);
        Path passedScan = directory.resolve("scan-passed");
        Path failedScan = directory.resolve("scan-failed");
        Path clean = Files.createDirectories(directory.resolve("clean"));
        Files.write(clean.resolve("state.pkl"), ScanCommandTest.BENIGN_PICKLE);
        Path dirty = Files.createDirectories(directory.resolve("dirty"));
        Files.write(dirty.resolve("weights.pkl"), ScanCommandTest.OS_SYSTEM_PICKLE);
        SecMLOpsCli.execute("scan", clean.toString(), "--report-dir", passedScan.toString());
        SecMLOpsCli.execute("scan", dirty.toString(), "--report-dir", failedScan.toString());
        Path signature = directory.resolve("model.sig");

        int signed = SecMLOpsCli.execute("sign", model.toString(), "--key", key.toString(), "--signature",
                signature.toString(), "--attest-gates", passedScan.resolve("result.json").toString(),
                "--build-context", "job=ml/train", "--build-context", "build=7",
                "--report-dir", directory.resolve("sign").toString());
        int verified = SecMLOpsCli.execute("verify", model.toString(), "--public-key", publicKey.toString(),
                "--signature", signature.toString(), "--require-gates", "scan",
                "--report-dir", directory.resolve("verify").toString());
        SecMLOpsCli.execute("sign", model.toString(), "--key", key.toString(), "--signature", signature.toString(),
                "--attest-gates", failedScan.resolve("result.json").toString(),
                "--report-dir", directory.resolve("sign2").toString());
        int refused = SecMLOpsCli.execute("verify", model.toString(), "--public-key", publicKey.toString(),
                "--signature", signature.toString(), "--require-gates", "scan",
                "--report-dir", directory.resolve("verify2").toString());

        assertThat(signed).isEqualTo(ExitCode.PASSED.code());
        assertThat(directory.resolve("model.sig.gates.json")).exists();
        assertThat(verified).isEqualTo(ExitCode.PASSED.code());
        assertThat(refused).isEqualTo(ExitCode.FAILED.code());
        GateRunResult result = ResultJson.read(directory.resolve("verify2/result.json"));
        assertThat(result.metrics()).containsEntry("REQUIRED_GATES_FAILED", 1.0).containsEntry("SIGNATURE_VALID", 1.0);
        assertThat(result.details().path("problems").get(0).path("message").asText())
                .isEqualTo("the attested scan gates are FAILED, not PASSED");
    }
}
