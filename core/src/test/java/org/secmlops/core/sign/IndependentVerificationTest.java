package org.secmlops.core.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our bundles checked by an implementation that shares no code with ours: the {@code openssl} command
 * verifies the DSSE signature over the PAE encoding of the payload, and the payload's digests are
 * recomputed here with the JDK; plus round trips over names and changes the spec singles out.
 */
class IndependentVerificationTest {
    @TempDir
    Path dir;

    private Path signedModel() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model/sub dir/ünïcödé"));
        Files.writeString(model.resolve("weights-é.bin"), "weights ✓");
        Files.writeString(dir.resolve("model/config.json"), "{}");
        Files.write(dir.resolve("model/empty.bin"), new byte[0]);
        new ModelSigner().sign(SignRequest.of(dir.resolve("model"), dir.resolve("model.sig"),
                SignFixtures.referencePrivateKey()), line -> { });
        return dir.resolve("model");
    }

    private static byte[] pae(String type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.getBytes(StandardCharsets.UTF_8).length + " " + type + " " + body.length
                + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Test
    void shouldProduceASignatureThatOpensslVerifiesOverTheDssePae() throws Exception {
        signedModel();
        JsonNode envelope = new ObjectMapper().readTree(dir.resolve("model.sig").toFile()).path("dsseEnvelope");
        byte[] payload = Base64.getDecoder().decode(envelope.path("payload").asText());
        byte[] signature = Base64.getDecoder().decode(envelope.path("signatures").get(0).path("sig").asText());
        Path message = Files.write(dir.resolve("pae.bin"), pae(envelope.path("payloadType").asText(), payload));
        Path signatureFile = Files.write(dir.resolve("sig.der"), signature);

        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha384", "-verify",
                SignFixtures.referencePublicKey().toString(), "-signature", signatureFile.toString(),
                message.toString()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(openssl.waitFor()).as(output).isZero();
        assertThat(output).contains("Verified OK");
        assertThat(envelope.path("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
    }

    @Test
    void shouldListEveryFileWithTheDigestTheJdkComputesIndependently() throws Exception {
        Path model = signedModel();
        JsonNode envelope = new ObjectMapper().readTree(dir.resolve("model.sig").toFile()).path("dsseEnvelope");
        JsonNode statement = new ObjectMapper().readTree(Base64.getDecoder().decode(envelope.path("payload").asText()));
        List<String> names = new ArrayList<>();
        for (JsonNode resource : statement.path("predicate").path("resources")) {
            String name = resource.path("name").asText();
            names.add(name);
            byte[] content = Files.readAllBytes(model.resolve(name));
            String expected = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(content));
            assertThat(resource.path("digest").asText()).as(name).isEqualTo(expected);
        }

        assertThat(names).containsExactly("config.json", "empty.bin", "sub dir/ünïcödé/weights-é.bin");
        assertThat(statement.path("predicateType").asText()).isEqualTo("https://model_signing/signature/v1.0");
    }

    @Test
    void shouldDetectARenamedFileAsOneMissingAndOneExtra() throws Exception {
        Path model = signedModel();
        Files.move(model.resolve("config.json"), model.resolve("config-renamed.json"));

        VerifyReport report = new ModelVerifier().verify(VerifyRequest.of(model, dir.resolve("model.sig"),
                SignFixtures.referencePublicKey()), line -> { });

        assertThat(report.verified()).isFalse();
        assertThat(report.problems()).extracting(VerificationProblem::kind, VerificationProblem::path)
                .contains(org.assertj.core.groups.Tuple.tuple(VerificationProblem.Kind.MISSING_FILE, "config.json"),
                        org.assertj.core.groups.Tuple.tuple(VerificationProblem.Kind.EXTRA_FILE, "config-renamed.json"));
    }

    @Test
    void shouldDetectEverySingleByteChangeOfASignedFile() throws Exception {
        Path model = signedModel();
        Path file = model.resolve("sub dir/ünïcödé/weights-é.bin");
        byte[] original = Files.readAllBytes(file);
        for (int i = 0; i < original.length; i++) {
            byte[] changed = original.clone();
            changed[i] ^= 0x01;
            Files.write(file, changed);

            VerifyReport report = new ModelVerifier().verify(VerifyRequest.of(model, dir.resolve("model.sig"),
                    SignFixtures.referencePublicKey()), line -> { });

            assertThat(report.problems()).as("byte " + i).extracting(VerificationProblem::kind)
                    .containsExactly(VerificationProblem.Kind.CHANGED_FILE);
        }
        Files.write(file, original);
        assertThat(new ModelVerifier().verify(VerifyRequest.of(model, dir.resolve("model.sig"),
                SignFixtures.referencePublicKey()), line -> { }).verified()).isTrue();
    }
}
