package org.secmlops.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.sign.SignException;
import org.secmlops.core.capability.sign.VerifyCapability;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.run.GateRunner;
import org.secmlops.core.sign.VerificationProblem.Kind;

class ModelVerifierTest {
    @TempDir
    Path temp;

    private final List<String> log = new ArrayList<>();

    @Test
    void shouldReportAMissingSignatureAsAFailureNotAnError() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = SignFixtures.nestedModel(temp, 10);

        VerifyReport report = new ModelVerifier().verify(VerifyRequest.of(model, temp.resolve("none.sig"),
                keys.publicKey()), log::add);

        assertThat(report.signatureValid()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.MISSING_SIGNATURE);
            assertThat(problem.message()).contains("not signed");
        });
        assertThat(report.filesFailed()).isEqualTo(5);
    }

    @Test
    void shouldReportAMalformedBundleWithItsReason() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = SignFixtures.nestedModel(temp, 10);
        Path garbage = Files.writeString(temp.resolve("garbage.sig"), "{\"mediaType\": [1, 2");
        Path notBase64 = Files.writeString(temp.resolve("b64.sig"), "{\"mediaType\":"
                + "\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":"
                + "{\"hint\":\"x\"}},\"dsseEnvelope\":{\"payload\":\"%%%\",\"payloadType\":"
                + "\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"AA==\"}]}}");

        VerifyReport json = new ModelVerifier().verify(VerifyRequest.of(model, garbage, keys.publicKey()), log::add);
        VerifyReport base64 = new ModelVerifier().verify(VerifyRequest.of(model, notBase64, keys.publicKey()), log::add);

        assertThat(json.problems().get(0).kind()).isEqualTo(Kind.MALFORMED_BUNDLE);
        assertThat(json.problems().get(0).message()).contains("not valid JSON");
        assertThat(base64.problems().get(0).message()).contains("dsseEnvelope.payload is not valid base64");
    }

    @Test
    void shouldTreatAMissingModelOrUnreadableKeyAsInputErrors() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = SignFixtures.nestedModel(temp, 10);

        assertThatThrownBy(() -> new ModelVerifier().verify(VerifyRequest.of(temp.resolve("gone"),
                temp.resolve("m.sig"), keys.publicKey()), log::add)).isInstanceOf(SignException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new ModelVerifier().verify(VerifyRequest.of(model, temp.resolve("m.sig"),
                keys.privateKey()), log::add)).isInstanceOf(SignException.class)
                .hasMessageContaining("no PEM block of type PUBLIC KEY");
    }

    @Test
    void shouldVerifySignedFilesEvenUnderIgnoredPathsButNotReportIgnoredExtras() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp384r1", false);
        Path model = SignFixtures.nestedModel(temp, 10);
        Path signature = temp.resolve("m.sig");
        new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);
        Files.writeString(model.resolve("weights/layer-1/bias.npy"), "changed");
        Files.writeString(model.resolve("weights/layer-1/notes.txt"), "unsigned");
        Files.writeString(model.resolve(".git/index"), "git files are ignored by default");

        VerifyReport report = new ModelVerifier().verify(VerifyRequest.of(model, signature, keys.publicKey())
                .withIgnorePaths(List.of(Path.of("weights/layer-1"))), log::add);

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.CHANGED_FILE);
            assertThat(problem.path()).isEqualTo("weights/layer-1/bias.npy");
        });
        assertThat(report.ignored()).contains(".git/", "weights/layer-1/notes.txt");
    }

    @Test
    void shouldRejectASymbolicLinkPlacedInASignedModel() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = SignFixtures.nestedModel(temp, 10);
        Path signature = temp.resolve("m.sig");
        new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);
        Files.delete(model.resolve("config.json"));
        Files.createSymbolicLink(model.resolve("config.json"), Path.of("/etc/hostname"));

        VerifyReport report = new ModelVerifier().verify(VerifyRequest.of(model, signature, keys.publicKey()), log::add);

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.UNSUPPORTED_FILE);
            assertThat(problem.message()).contains("config.json is a symbolic link");
        });
    }

    @Test
    void shouldFailTheDefaultGatesAndEscapeEveryNameInTheReport() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = SignFixtures.nestedModel(temp, 10);
        Path signature = temp.resolve("m.sig");
        new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);
        Files.writeString(model.resolve("<img src=x onerror=alert(1)>.bin"), "x");

        GateRunResult result = new GateRunner(VerifyCapability.INSTANCE, "test").run(model.toString(),
                new GateSpec(ResultJson.SCHEMA_VERSION, List.of(), null), () -> VerifyMeasurement.of(
                        new ModelVerifier().verify(VerifyRequest.of(model, signature, keys.publicKey()), log::add)));
        String html = HtmlReport.page("Verify", result, VerifyCapability.INSTANCE.detailSection());

        assertThat(result.status()).isEqualTo(GateStatus.FAILED);
        assertThat(result.metrics()).containsEntry("FILES_FAILED", 1.0).containsEntry("SIGNATURE_VALID", 1.0)
                .containsEntry("FILES_VERIFIED", 5.0).containsEntry("REQUIRED_GATES_FAILED", 0.0);
        assertThat(result.details().path("problems").get(0).path("kind").asText()).isEqualTo("EXTRA_FILE");
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;.bin", "EXTRA_FILE")
                .doesNotContain("<img");
    }

    @Test
    void shouldAcceptTheBasenameAsTheResourceOfASingleFileModel() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path file = Files.writeString(temp.resolve("weights.bin"), "weights");
        Path signature = temp.resolve("w.sig");
        new ModelSigner().sign(SignRequest.of(file, signature, keys.privateKey()), log::add);
        String renamed = Files.readString(signature);
        String payload = new String(java.util.Base64.getDecoder().decode(
                renamed.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1")), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(payload).contains("\"name\": \".\"");

        VerifyReport report = new ModelVerifier().verify(VerifyRequest.of(file, signature, keys.publicKey()), log::add);
        Files.writeString(file, "weightz");
        VerifyReport changed = new ModelVerifier().verify(VerifyRequest.of(file, signature, keys.publicKey()), log::add);

        assertThat(report.verified()).isTrue();
        assertThat(changed.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.kind()).isEqualTo(Kind.CHANGED_FILE));
    }
}
