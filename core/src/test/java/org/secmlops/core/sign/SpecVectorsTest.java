package org.secmlops.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.secmlops.core.sign.SignFixtures.specVector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.secmlops.core.sign.VerificationProblem.Kind;

/** The OMS specification's v1.0 test vectors: valid ones parse and validate, the others are rejected. */
class SpecVectorsTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"key.bundle.json, key", "certificate.bundle.json, certificate", "sigstore.bundle.json, sigstore"})
    void shouldParseAndValidateEveryValidVector(String file, String method) throws Exception {
        SigstoreBundle bundle = SigstoreBundle.parse(Files.readAllBytes(specVector("valid/" + file)));
        ModelManifest manifest = InTotoStatement.parse(bundle.payload()).omsManifest();

        assertThat(bundle.method()).isEqualTo(method);
        assertThat(manifest.resources()).extracting(ModelManifest.Resource::name)
                .containsExactly("signme-1", "signme-2");
        assertThat(manifest.serialization().method()).isEqualTo("files");
        assertThat(manifest.serialization().ignorePaths()).contains(".git", "ignore-me");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "empty.bundle.json | the signature file is empty",
        "missing-envelope.bundle.json | no dsseEnvelope",
        "missing-verification-material.bundle.json | no verificationMaterial",
        "missing-tlog-entries.bundle.json | at least one transparency log entry"})
    void shouldRejectEveryInvalidVectorWithItsReason(String file, String reason) throws Exception {
        byte[] content = Files.readAllBytes(specVector("invalid/" + file));

        assertThatThrownBy(() -> SigstoreBundle.parse(content)).isInstanceOf(BundleException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((BundleException) e).kind()).isEqualTo(Kind.MALFORMED_BUNDLE));
    }

    @Test
    void shouldRejectTheInvalidPayloadVectorForItsPredicateType() throws Exception {
        SigstoreBundle bundle = SigstoreBundle.parse(
                Files.readAllBytes(specVector("invalid-payload/wrong-predicate.bundle.json")));
        InTotoStatement statement = InTotoStatement.parse(bundle.payload());

        assertThatThrownBy(statement::omsManifest).isInstanceOf(BundleException.class)
                .hasMessageContaining("predicateType is 'https://example.com/wrong-predicate/v1.0'")
                .hasMessageContaining("not a model signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid/empty.bundle.json", "invalid/missing-envelope.bundle.json",
        "invalid/missing-verification-material.bundle.json", "invalid/missing-tlog-entries.bundle.json",
        "invalid-payload/wrong-predicate.bundle.json", "valid/certificate.bundle.json", "valid/sigstore.bundle.json"})
    void shouldFailVerificationWithAReasonAndNoExceptionForEveryVectorItCannotAccept(String vector) throws Exception {
        Path model = SignFixtures.copyTree(SignFixtures.reference("v1.1.0"), temp.resolve("model"));
        List<String> log = new ArrayList<>();

        VerifyReport report = new ModelVerifier().verify(
                VerifyRequest.of(model, specVector(vector), SignFixtures.referencePublicKey()), log::add);

        assertThat(report.signatureValid()).isFalse();
        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0).kind()).isIn(Kind.MALFORMED_BUNDLE, Kind.INVALID_PAYLOAD, Kind.UNSUPPORTED,
                Kind.BAD_SIGNATURE);
        assertThat(report.problems().get(0).message()).isNotBlank();
        assertThat(log).anyMatch(line -> line.startsWith("signature not valid: "));
    }

    @Test
    void shouldVerifyTheValidKeyVectorAgainstTheReferenceModel() throws Exception {
        Path model = SignFixtures.reference("v1.1.0");

        VerifyReport report = new ModelVerifier().verify(
                VerifyRequest.of(model, specVector("valid/key.bundle.json"), SignFixtures.referencePublicKey())
                        .withIgnorePaths(List.of(model.resolve("model.sig"))), line -> { });

        assertThat(report.problems()).isEmpty();
        assertThat(report.manifest().modelName()).isEqualTo("model");
    }

    @Test
    void shouldRejectStatementsThatBreakThePredicateSchema() {
        assertThat(reasonFor("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":"
                + "\"https://model_signing/signature/v1.0\",\"predicate\":{}}")).contains("exactly one subject");
        String statement = """
                {"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"m","digest":{"sha256":"%s"}}],
                "predicateType":"https://model_signing/signature/v1.0","predicate":%s}""";
        String digest = "a".repeat(64);
        String files = "{\"method\":\"files\",\"hash_type\":\"sha256\",\"allow_symlinks\":false}";
        assertThat(reasonFor(statement.formatted(digest, "{\"resources\":[],\"serialization\":" + files + "}")))
                .contains("resources is empty");
        assertThat(reasonFor(statement.formatted(digest, "{\"resources\":[{\"name\":\"f\",\"algorithm\":\"sha256\","
                + "\"digest\":\"" + "b".repeat(64) + "\"}],\"serialization\":" + files + "}")))
                .contains("inconsistent");
        assertThat(reasonFor(statement.formatted(digest, "{\"resources\":[{\"name\":\"f\",\"algorithm\":\"md5\","
                + "\"digest\":\"" + "b".repeat(64) + "\"}],\"serialization\":" + files + "}")))
                .contains("hashed with 'md5'");
        assertThat(reasonFor(statement.formatted(digest, "{\"resources\":[],\"serialization\":"
                + "{\"method\":\"shards\",\"hash_type\":\"sha256\",\"allow_symlinks\":false}}")))
                .contains("shard_size must be a positive integer");
        assertThat(reasonFor(statement.formatted(digest, "{\"resources\":[],\"serialization\":" + files
                + ",\"extra\":1}"))).contains("unexpected field extra in predicate");
    }

    private static String reasonFor(String payload) {
        try {
            InTotoStatement.parse(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)).omsManifest();
            return "accepted";
        } catch (BundleException e) {
            return e.getMessage();
        }
    }
}
