package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;
import org.secmlops.testsupport.ExternalData;

class VerifyCommandTest {
    @TempDir
    Path directory;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream out = console.out();
    private final ByteArrayOutputStream err = console.err();

    /** The reference implementation's test data, shared/oms-test-vectors/model-transparency. */
    static Path referenceData() {
        return ExternalData.omsTestVectors().resolve("model-transparency");
    }

    private static Path copy(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.write(target.resolve(file.getFileName().toString()), Files.readAllBytes(file));
            }
        }
        return target;
    }

    private int verify(Path model, String... options) {
        String[] args = new String[6 + options.length];
        args[0] = "verify";
        args[1] = model.toString();
        args[2] = "--public-key";
        args[3] = referenceData().resolve("keys/certificate/signing-key-pub.pem").toString();
        args[4] = "--signature";
        args[5] = model.resolve("model.sig").toString();
        System.arraycopy(options, 0, args, 6, options.length);
        return SecMLOpsCli.execute(args);
    }

    @Test
    void shouldPassAReferenceSignedModel() throws Exception {
        Path reportDir = directory.resolve("r");

        int exit = verify(referenceData().resolve("v1.1.0-elliptic-key"), "--report-dir", reportDir.toString());

        assertThat(exit).isEqualTo(ExitCode.PASSED.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.capability()).isEqualTo("verify");
        assertThat(result.metrics()).containsEntry("FILES_VERIFIED", 2.0).containsEntry("FILES_FAILED", 0.0)
                .containsEntry("SIGNATURE_VALID", 1.0);
        assertThat(result.gates().results()).hasSize(3);
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("None: the model is exactly as signed");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[secmlops] signature valid", "2 of 2 signed files");
    }

    @Test
    void shouldFailATamperedModelNamingTheFile() throws Exception {
        Path model = copy(referenceData().resolve("v1.1.0-elliptic-key"), directory.resolve("model"));
        Files.writeString(model.resolve("signme-2"), "tampered");
        Path reportDir = directory.resolve("r");

        int exit = verify(model, "--report-dir", reportDir.toString());

        assertThat(exit).isEqualTo(ExitCode.FAILED.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.status()).isEqualTo(GateStatus.FAILED);
        assertThat(result.metrics()).containsEntry("FILES_FAILED", 1.0).containsEntry("FILES_VERIFIED", 1.0);
        assertThat(result.details().path("problems").get(0).path("path").asText()).isEqualTo("signme-2");
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("CHANGED_FILE", "signme-2");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("CHANGED_FILE: signme-2 has changed");
    }

    @Test
    void shouldFailAnUnsignedExtraFileUnlessAllowed() throws Exception {
        Path model = copy(referenceData().resolve("v1.0.1-elliptic-key"), directory.resolve("model"));

        int strict = verify(model, "--report-dir", directory.resolve("a").toString());
        int allowed = verify(model, "--allow-extra-files", "--report-dir", directory.resolve("b").toString());
        int ignored = verify(model, "--ignore-paths", model.resolve("ignore-me").toString(),
                "--report-dir", directory.resolve("c").toString());

        assertThat(strict).isEqualTo(ExitCode.FAILED.code());
        assertThat(ResultJson.read(directory.resolve("a/result.json")).details().path("problems").get(0)
                .path("kind").asText()).isEqualTo("EXTRA_FILE");
        assertThat(allowed).isEqualTo(ExitCode.PASSED.code());
        assertThat(ignored).isEqualTo(ExitCode.PASSED.code());
    }

    @Test
    void shouldFailAMalformedBundleWithItsReasonAndTreatAMissingKeyAsInputError() throws Exception {
        Path model = copy(referenceData().resolve("v1.1.0-elliptic-key"), directory.resolve("model"));
        Files.writeString(model.resolve("model.sig"), "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}");

        int malformed = verify(model, "--report-dir", directory.resolve("r").toString());
        int missingKey = SecMLOpsCli.execute("verify", model.toString(), "--public-key",
                directory.resolve("none.pem").toString(), "--signature", model.resolve("model.sig").toString(),
                "--report-dir", directory.resolve("r2").toString());
        int missingModel = verify(directory.resolve("gone"), "--report-dir", directory.resolve("r3").toString());

        assertThat(malformed).isEqualTo(ExitCode.FAILED.code());
        GateRunResult result = ResultJson.read(directory.resolve("r/result.json"));
        assertThat(result.metrics()).containsEntry("SIGNATURE_VALID", 0.0);
        assertThat(result.details().path("problems").get(0).path("kind").asText()).isEqualTo("MALFORMED_BUNDLE");
        assertThat(result.details().path("problems").get(0).path("message").asText())
                .contains("no verificationMaterial");
        assertThat(missingKey).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(missingModel).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ERROR: public key", "does not exist");
    }
}
