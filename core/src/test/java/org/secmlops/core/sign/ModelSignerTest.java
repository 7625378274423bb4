package org.secmlops.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secmlops.core.capability.sign.SignException;
import org.secmlops.core.sign.ModelManifest.Resource;

class ModelSignerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final List<String> log = new ArrayList<>();

    @ParameterizedTest
    @CsvSource({"secp256r1, false", "secp384r1, true", "secp384r1, false", "secp521r1, true"})
    void shouldSignANestedModelWithShardsAndVerifyIt(String curve, boolean sec1) throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, curve, sec1);
        Path model = SignFixtures.nestedModel(temp, 2500);
        Path signature = temp.resolve("model.sig");

        SignReport signed = new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey())
                .withMethod(SignRequest.Method.AUTO, 1000).withThreads(3), log::add);
        VerifyReport verified = new ModelVerifier().verify(VerifyRequest.of(model, signature, keys.publicKey()),
                log::add);

        assertThat(signed.manifest().serialization().method()).isEqualTo("shards");
        assertThat(signed.manifest().resources()).extracting(Resource::name).containsExactly(
                "config.json:0:13", "weights/a.bin:0:1", "weights/layer-1/bias.npy:0:4",
                "weights/layer-1/big.bin:0:1000", "weights/layer-1/big.bin:1000:2000",
                "weights/layer-1/big.bin:2000:2500");
        assertThat(signed.files()).extracting(SignReport.SignedFile::name)
                .containsExactly("config.json", "empty.txt", "weights/a.bin", "weights/layer-1/bias.npy",
                        "weights/layer-1/big.bin");
        assertThat(signed.bytesSigned()).isEqualTo(13 + 1 + 2500 + 4);
        assertThat(signed.ignored()).contains(".git/");
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.filesVerified()).isEqualTo(4);
        assertThat(verified.bytesVerified()).isEqualTo(2518);
    }

    @Test
    void shouldSignWithTheFilesMethodWhenNoFileExceedsTheShardSizeAndDetectEachKindOfChange() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = SignFixtures.nestedModel(temp, 2500);
        Path signature = temp.resolve("model.sig");
        SignReport signed = new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);
        Files.writeString(model.resolve("weights/a.bin"), "b");
        Files.delete(model.resolve("config.json"));
        Files.writeString(model.resolve("weights/extra.bin"), "x");

        VerifyReport report = new ModelVerifier().verify(VerifyRequest.of(model, signature, keys.publicKey()), log::add);

        assertThat(signed.manifest().serialization().method()).isEqualTo("files");
        assertThat(signed.manifest().resources()).extracting(Resource::name).contains("empty.txt");
        assertThat(report.problems()).extracting(VerificationProblem::kind, VerificationProblem::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(VerificationProblem.Kind.MISSING_FILE, "config.json"),
                        org.assertj.core.groups.Tuple.tuple(VerificationProblem.Kind.CHANGED_FILE, "weights/a.bin"),
                        org.assertj.core.groups.Tuple.tuple(VerificationProblem.Kind.EXTRA_FILE, "weights/extra.bin"));
        assertThat(report.filesFailed()).isEqualTo(3);
        assertThat(report.filesVerified()).isEqualTo(3);
    }

    @Test
    void shouldReportTheShardOfALargeFileThatChanged() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp384r1", false);
        Path model = SignFixtures.nestedModel(temp, 2500);
        Path signature = temp.resolve("model.sig");
        new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey())
                .withMethod(SignRequest.Method.SHARDS, 1000), log::add);
        SignFixtures.flipByte(model.resolve("weights/layer-1/big.bin"), 1500);
        Path grown = SignFixtures.copyTree(model, temp.resolve("grown"));
        Files.write(grown.resolve("weights/layer-1/bias.npy"), new byte[] {1, 2, 3, 4, 5},
                java.nio.file.StandardOpenOption.APPEND);

        VerifyReport flipped = new ModelVerifier().verify(VerifyRequest.of(model, signature, keys.publicKey()), log::add);
        VerifyReport appended = new ModelVerifier().verify(VerifyRequest.of(grown, signature, keys.publicKey()), log::add);

        assertThat(flipped.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("weights/layer-1/big.bin");
            assertThat(problem.message()).contains("bytes 1000-2000");
        });
        assertThat(appended.problems()).extracting(VerificationProblem::path, VerificationProblem::message)
                .contains(org.assertj.core.groups.Tuple.tuple("weights/layer-1/bias.npy",
                        "weights/layer-1/bias.npy has changed: it has 9 bytes, signed with 4"));
    }

    @Test
    void shouldWriteTheSameStatementAsTheReferenceForTheReferenceModel() throws Exception {
        Path model = SignFixtures.copyTree(SignFixtures.reference("v1.1.0"),
                temp.resolve("v1.1.0-elliptic-key"));
        Path signature = model.resolve("model.sig");
        JsonNode referenceBundle = JSON.readTree(Files.readAllBytes(signature));

        new ModelSigner().sign(SignRequest.of(model, signature, SignFixtures.referencePrivateKey())
                .withIgnorePaths(List.of(model.resolve("ignore-me"))), log::add);
        JsonNode ours = JSON.readTree(Files.readAllBytes(signature));

        assertThat(shape(ours)).isEqualTo(shape(referenceBundle));
        assertThat(ours.path("verificationMaterial")).isEqualTo(referenceBundle.path("verificationMaterial"));
        assertThat(ours.path("mediaType")).isEqualTo(referenceBundle.path("mediaType"));
        JsonNode ourStatement = payload(ours);
        JsonNode referenceStatement = payload(referenceBundle);
        assertThat(ourStatement.path("subject")).isEqualTo(referenceStatement.path("subject"));
        assertThat(ourStatement.path("predicateType")).isEqualTo(referenceStatement.path("predicateType"));
        assertThat(ourStatement.path("predicate").path("resources"))
                .isEqualTo(referenceStatement.path("predicate").path("resources"));
        assertThat(withoutIgnorePaths(ourStatement)).isEqualTo(withoutIgnorePaths(referenceStatement));
        assertThat(strings(ourStatement.path("predicate").path("serialization").path("ignore_paths")))
                .isEqualTo(strings(referenceStatement.path("predicate").path("serialization").path("ignore_paths")));
        assertThat(ours.path("dsseEnvelope").path("signatures").get(0).path("keyid").asText()).isEmpty();
        assertThat(new ModelVerifier().verify(VerifyRequest.of(model, signature, SignFixtures.referencePublicKey()),
                log::add).verified()).isTrue();
    }

    @Test
    void shouldNameTheOneResourceOfASingleFileModelDotAsTheReferenceDoes() throws Exception {
        Path file = SignFixtures.copyTree(SignFixtures.reference("v1.0.0"), temp.resolve("m")).resolve("signme-1");
        Path signature = temp.resolve("single.sig");

        SignReport report = new ModelSigner().sign(SignRequest.of(file, signature, SignFixtures.referencePrivateKey()),
                log::add);
        JsonNode statement = payload(JSON.readTree(Files.readAllBytes(signature)));
        JsonNode referenceStatement = payload(JSON.readTree(Files.readAllBytes(
                SignFixtures.reference("v1.0.0").resolve("model.sig"))));

        assertThat(report.manifest().resources()).extracting(Resource::name).containsExactly(".");
        assertThat(statement.path("subject")).isEqualTo(referenceStatement.path("subject"));
        assertThat(statement.path("predicate").path("resources"))
                .isEqualTo(referenceStatement.path("predicate").path("resources"));
    }

    @Test
    void shouldLayOutThePayloadAsTheReferenceDoes() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = Files.createDirectories(temp.resolve("m"));
        Files.writeString(model.resolve("w.bin"), "w");
        Path signature = temp.resolve("m.sig");

        new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);
        String payload = new String(Base64.getDecoder().decode(JSON.readTree(Files.readAllBytes(signature))
                .path("dsseEnvelope").path("payload").asText()), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(payload).startsWith("{\n  \"_type\": \"https://in-toto.io/Statement/v1\",\n  \"subject\": [\n"
                + "    {\n      \"name\": \"m\",\n      \"digest\": {\n        \"sha256\": \"");
        assertThat(payload).contains("\"allow_symlinks\": false,\n      \"ignore_paths\": [\n        \".git\",")
                .endsWith("}");
    }

    @Test
    void shouldExcludeTheSignatureInsideTheModelAndLeaveTheInputFilesUntouched() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp384r1", true);
        Path model = SignFixtures.nestedModel(temp, 3000);
        Map<Path, byte[]> before = new HashMap<>();
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.walk(model)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                before.put(file, Files.readAllBytes(file));
                times.put(file, Files.getLastModifiedTime(file));
            }
        }
        byte[] keyBefore = Files.readAllBytes(keys.privateKey());
        Path signature = model.resolve("model.sig");

        SignReport report = new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);
        new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);

        assertThat(report.manifest().serialization().ignorePaths()).contains("model.sig", ".git");
        assertThat(report.files()).extracting(SignReport.SignedFile::name).doesNotContain("model.sig");
        for (Map.Entry<Path, byte[]> entry : before.entrySet()) {
            assertThat(Files.readAllBytes(entry.getKey())).isEqualTo(entry.getValue());
            assertThat(Files.getLastModifiedTime(entry.getKey())).isEqualTo(times.get(entry.getKey()));
        }
        assertThat(Files.readAllBytes(keys.privateKey())).isEqualTo(keyBefore);
        try (Stream<Path> files = Files.list(model)) {
            assertThat(files.map(path -> path.getFileName().toString())).doesNotContain(".secmlops-sig");
        }
    }

    @Test
    void shouldRefuseASignaturePathThatNamesAFileOfTheModelAndLeaveItAlone() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = Files.createDirectories(temp.resolve("m"));
        Files.writeString(model.resolve("config.json"), "{\"layers\": 3}");
        Path weights = Files.write(model.resolve("weights.bin"), new byte[] {1, 2, 3, 4});

        assertThatThrownBy(() -> new ModelSigner().sign(SignRequest.of(model, weights, keys.privateKey()), log::add))
                .isInstanceOf(SignException.class).hasMessageContaining("not a Sigstore bundle")
                .hasMessageContaining("weights.bin");
        assertThat(Files.readAllBytes(weights)).containsExactly(1, 2, 3, 4);

        Path notes = Files.writeString(temp.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> new ModelSigner().sign(SignRequest.of(model, notes, keys.privateKey()), log::add))
                .isInstanceOf(SignException.class);
        assertThat(Files.readString(notes)).isEqualTo("mine");
    }

    @Test
    void shouldNeverWriteThePrivateKeyAnywhere() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp384r1", false);
        Path model = SignFixtures.nestedModel(temp, 100);
        Path signature = temp.resolve("model.sig");

        SignReport report = new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add);

        String body = keys.privatePem().replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
        String bundle = Files.readString(signature);
        assertThat(bundle).doesNotContain(body.substring(0, 40), body.substring(body.length() - 40));
        assertThat(String.join("\n", log)).doesNotContain(body.substring(0, 40)).doesNotContain("PRIVATE KEY");
        assertThat(report.toString()).doesNotContain(body.substring(0, 40));
        assertThat(SignMeasurement.of(report).details().toString()).doesNotContain(body.substring(0, 40));
    }

    @Test
    void shouldRefuseModelsItCannotSignFaithfully() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = Files.createDirectories(temp.resolve("m"));
        Path signature = temp.resolve("m.sig");

        assertThatThrownBy(() -> new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add))
                .isInstanceOf(SignException.class).hasMessageContaining("no files to sign");
        Files.writeString(model.resolve("w.bin"), "w");
        Files.createSymbolicLink(model.resolve("link.bin"), model.resolve("w.bin"));
        assertThatThrownBy(() -> new ModelSigner().sign(SignRequest.of(model, signature, keys.privateKey()), log::add))
                .hasMessageContaining("link.bin is a symbolic link");
        assertThatThrownBy(() -> new ModelSigner().sign(SignRequest.of(temp.resolve("none"), signature,
                keys.privateKey()), log::add)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new ModelSigner().sign(SignRequest.of(model.resolve("w.bin"), model.resolve("w.bin"),
                keys.privateKey()), log::add)).hasMessageContaining("would overwrite the model");
        assertThat(signature).doesNotExist();
    }

    @Test
    void shouldSortResourcesByCodePointAndComputeTheSpecRootDigest() throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(temp, "secp256r1", false);
        Path model = Files.createDirectories(temp.resolve("m"));
        Files.createDirectories(model.resolve("a"));
        Files.writeString(model.resolve("a/b"), "1");
        Files.writeString(model.resolve("a.txt"), "2");
        Files.writeString(model.resolve("B"), "3");
        Files.writeString(model.resolve("\u00e9"), "4");

        SignReport report = new ModelSigner().sign(SignRequest.of(model, temp.resolve("m.sig"), keys.privateKey()),
                log::add);

        assertThat(report.manifest().resources()).extracting(Resource::name)
                .containsExactly("B", "a.txt", "a/b", "\u00e9");
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        report.manifest().resources().forEach(r -> sha.update(java.util.HexFormat.of().parseHex(r.digest())));
        assertThat(report.manifest().rootDigest()).isEqualTo(java.util.HexFormat.of().formatHex(sha.digest()));
    }

    private static JsonNode payload(JsonNode bundle) throws Exception {
        return JSON.readTree(Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText()));
    }

    private static JsonNode withoutIgnorePaths(JsonNode statement) {
        JsonNode copy = statement.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("predicate").path("serialization"))
                .remove("ignore_paths");
        return copy;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** The field names and value types of a JSON tree, ignoring values and order. */
    private static Object shape(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new java.util.TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), shape(field.getValue()));
            }
            return fields;
        }
        if (node.isArray()) {
            return node.isEmpty() ? List.of() : List.of(shape(node.get(0)));
        }
        return node.getNodeType().toString();
    }
}
