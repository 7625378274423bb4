package org.secmlops.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.sign.SignException;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.result.SecurityCost;
import org.secmlops.core.sign.VerificationProblem.Kind;

class GateAttestationTest {
    @TempDir
    Path temp;

    private final List<String> log = new ArrayList<>();
    private SignFixtures.KeyFiles keys;
    private Path model;
    private Path signature;

    @BeforeEach
    void model() throws Exception {
        keys = SignFixtures.keyPair(temp, "secp256r1", false);
        model = SignFixtures.nestedModel(temp, 100);
        signature = temp.resolve("model.sig");
    }

    static Path result(Path dir, String capability, GateStatus status) throws Exception {
        QualityGate gate = QualityGate.absolute("CRITICAL_FINDINGS", 0, Criticality.FAILURE);
        double value = status == GateStatus.PASSED ? 0 : 2;
        GateResult gateResult = new GateResult(gate, value, null, status, "CRITICAL_FINDINGS is " + value);
        GateRunResult result = new GateRunResult(ResultJson.SCHEMA_VERSION, capability, "1.2.3", "model/",
                Instant.parse("2025-01-01T00:00:00Z"), Map.of("CRITICAL_FINDINGS", value),
                GateEvaluation.of(List.of(gateResult)), new SecurityCost(10, 1, -1), null);
        Path file = dir.resolve(capability + "-" + status + ".json");
        ResultJson.write(result, file);
        return file;
    }

    private SignReport signWithGates(List<Path> results) throws SignException {
        return new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey())
                .withGateAttestation(results, Map.of("job", "ml/train", "build", "42", "commit", "abc123"), null)
                .withToolVersion("9.9.9"), log::add);
    }

    private VerifyReport verifyRequiring(String... capabilities) throws SignException {
        return new ModelVerifier().verify(VerifyRequest.of(model, signature, keys.publicKey())
                .withRequiredGates(List.of(capabilities), null), log::add);
    }

    @Test
    void shouldSignTheGateResultsAboutTheSameModelAndAcceptTheRequiredGates() throws Exception {
        SignReport signed = signWithGates(List.of(result(temp, "scan", GateStatus.PASSED),
                result(temp, "robustness", GateStatus.PASSED)));

        VerifyReport report = verifyRequiring("scan,robustness");

        Path attestation = temp.resolve("model.sig.gates.json");
        assertThat(signed.attestation()).isEqualTo(attestation);
        assertThat(signed.attested()).containsExactly("scan", "robustness");
        JsonNode bundle = new ObjectMapper().readTree(Files.readAllBytes(attestation));
        JsonNode statement = new ObjectMapper().readTree(Base64.getDecoder()
                .decode(bundle.path("dsseEnvelope").path("payload").asText()));
        assertThat(statement.path("predicateType").asText()).isEqualTo("https://secmlops.dev/gate-results/v1");
        assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText())
                .isEqualTo(signed.manifest().rootDigest());
        JsonNode predicate = statement.path("predicate");
        assertThat(predicate.path("tool").path("version").asText()).isEqualTo("9.9.9");
        assertThat(predicate.path("buildContext").path("build").asText()).isEqualTo("42");
        JsonNode gate = predicate.path("results").get(0).path("gates").get(0);
        assertThat(gate.path("metric").asText()).isEqualTo("CRITICAL_FINDINGS");
        assertThat(gate.path("threshold").asDouble()).isZero();
        assertThat(gate.path("outcome").asText()).isEqualTo("PASSED");
        assertThat(report.problems()).isEmpty();
        assertThat(report.attestedGates()).containsEntry("scan", "PASSED").containsEntry("robustness", "PASSED");
        assertThat(report.gatesFailed()).isEmpty();
    }

    @Test
    void shouldRefuseAModelWhoseRequiredCapabilityDidNotPassOrIsNotAttested() throws Exception {
        signWithGates(List.of(result(temp, "scan", GateStatus.FAILED)));

        VerifyReport report = verifyRequiring("scan", "robustness");

        assertThat(report.verified()).isFalse();
        assertThat(report.signatureValid()).isTrue();
        assertThat(report.gatesFailed()).containsExactly("scan", "robustness");
        assertThat(report.problems()).extracting(VerificationProblem::message).containsExactly(
                "the attested scan gates are FAILED, not PASSED", "the gate attestation has no robustness result");
        assertThat(VerifyMeasurement.of(report).metrics()).containsEntry("REQUIRED_GATES_FAILED", 2.0);
    }

    @Test
    void shouldRefuseAModelWithoutAttestation() throws Exception {
        new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);

        VerifyReport report = verifyRequiring("scan");

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.GATES_NOT_PASSED);
            assertThat(problem.message()).contains("there is no gate attestation");
        });
        assertThat(report.filesFailed()).isZero();
    }

    @Test
    void shouldRefuseAnAttestationOfAnotherModel() throws Exception {
        signWithGates(List.of(result(temp, "scan", GateStatus.PASSED)));
        Path otherAttestation = Files.copy(temp.resolve("model.sig.gates.json"), temp.resolve("other.json"));
        Files.writeString(model.resolve("config.json"), "{\"layers\": 4}");
        new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);

        VerifyReport report = new ModelVerifier().verify(VerifyRequest.of(model, signature, keys.publicKey())
                .withRequiredGates(List.of("scan"), otherAttestation), log::add);

        assertThat(report.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("is about another model"));
    }

    @Test
    void shouldRefuseAnAttestationThatDoesNotVerify() throws Exception {
        signWithGates(List.of(result(temp, "scan", GateStatus.PASSED)));
        Path attestation = temp.resolve("model.sig.gates.json");
        JsonNode bundle = new ObjectMapper().readTree(Files.readAllBytes(attestation));
        String payload = new String(Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText()),
                java.nio.charset.StandardCharsets.UTF_8).replace("\"FAILED\"", "\"PASSED\"")
                .replace("\"status\": \"PASSED\"", "\"status\": \"PASSED\" ");
        ((com.fasterxml.jackson.databind.node.ObjectNode) bundle.path("dsseEnvelope")).put("payload",
                Base64.getEncoder().encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Files.writeString(attestation, bundle.toString());

        VerifyReport report = verifyRequiring("scan");

        assertThat(report.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("does not verify"));
    }

    @Test
    void shouldRefuseGatesWhenTheModelSignatureIsNotValid() throws Exception {
        signWithGates(List.of(result(temp, "scan", GateStatus.PASSED)));
        SignFixtures.KeyFiles other = SignFixtures.keyPair(Files.createDirectories(temp.resolve("other")), "secp256r1", true);

        VerifyReport report = new ModelVerifier().verify(VerifyRequest.of(model, signature, other.publicKey())
                .withRequiredGates(List.of("scan"), null), log::add);

        assertThat(report.problems()).extracting(VerificationProblem::kind)
                .containsExactly(Kind.WRONG_KEY, Kind.GATES_NOT_PASSED);
        assertThat(report.gatesFailed()).containsExactly("scan");
    }

    @Test
    void shouldRejectAMalformedResultFileBeforeSigning() throws Exception {
        Path broken = Files.writeString(temp.resolve("broken.json"), "{\"schemaVersion\":1,");

        assertThatThrownBy(() -> signWithGates(List.of(broken))).isInstanceOf(SignException.class)
                .hasMessageContaining("cannot attest gate results");
        assertThat(signature).doesNotExist();
    }
}
