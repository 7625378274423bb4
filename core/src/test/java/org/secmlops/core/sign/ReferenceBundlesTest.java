package org.secmlops.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.sign.SignFixtures.copyTree;
import static org.secmlops.core.sign.SignFixtures.flipByte;
import static org.secmlops.core.sign.SignFixtures.reference;
import static org.secmlops.core.sign.SignFixtures.referencePublicKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secmlops.core.sign.VerificationProblem.Kind;

/** The bundles the reference implementation (sigstore/model-transparency) wrote must verify, and only as is. */
class ReferenceBundlesTest {
    @TempDir
    Path temp;

    private final List<String> log = new ArrayList<>();

    /** As the shared test data's README says the reference verifies each bundle. */
    private VerifyRequest referenceRequest(Path dir, String version) {
        boolean singleFile = version.equals("v0.3.1") || version.equals("v1.0.0");
        Path model = singleFile ? dir.resolve("signme-1") : dir;
        VerifyRequest request = VerifyRequest.of(model, dir.resolve("model.sig"), referencePublicKey());
        return singleFile ? request : request.withIgnorePaths(List.of(dir.resolve("ignore-me")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v0.3.1", "v1.0.0", "v1.0.1", "v1.1.0"})
    void shouldVerifyEveryReferenceBundleAsTheReferenceDoes(String version) throws Exception {
        VerifyReport report = new ModelVerifier().verify(referenceRequest(reference(version), version), log::add);

        assertThat(report.problems()).isEmpty();
        assertThat(report.verified()).isTrue();
        assertThat(report.signatureValid()).isTrue();
        assertThat(report.filesFailed()).isZero();
        assertThat(report.filesVerified()).isEqualTo(version.startsWith("v0") || version.equals("v1.0.0") ? 1 : 2);
        assertThat(report.bundleKey()).isEqualTo(version.equals("v1.1.0") ? "hint" : "rawBytes");
        assertThat(log).anyMatch(line -> line.startsWith("signature valid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v0.3.1", "v1.0.0", "v1.0.1", "v1.1.0"})
    void shouldRejectEveryReferenceBundleAfterAByteOfASignedFileChanged(String version) throws Exception {
        Path copy = copyTree(reference(version), temp.resolve(version));
        flipByte(copy.resolve("signme-1"), 3);

        VerifyReport report = new ModelVerifier().verify(referenceRequest(copy, version), log::add);

        assertThat(report.verified()).isFalse();
        assertThat(report.signatureValid()).isTrue();
        assertThat(report.filesFailed()).isEqualTo(1);
        VerificationProblem problem = report.problems().get(0);
        assertThat(problem.kind()).isEqualTo(Kind.CHANGED_FILE);
        assertThat(problem.path()).isIn("signme-1", ".");
        assertThat(problem.message()).contains("has changed", "bc9a717db6064a32cbe9eae6fc40651dd6d36ef1757183f590eff2b1765d7ebc");
    }

    @Test
    void shouldRejectReferenceBundleWhenTheSecondFileChangesOrDisappears() throws Exception {
        Path changed = copyTree(reference("v1.1.0"), temp.resolve("changed"));
        Files.writeString(changed.resolve("signme-2"), "tampered");
        Path missing = copyTree(reference("v1.1.0"), temp.resolve("missing"));
        Files.delete(missing.resolve("signme-2"));

        VerifyReport changedReport = new ModelVerifier().verify(referenceRequest(changed, "v1.1.0"), log::add);
        VerifyReport missingReport = new ModelVerifier().verify(referenceRequest(missing, "v1.1.0"), log::add);

        assertThat(changedReport.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.path()).isEqualTo("signme-2"));
        assertThat(missingReport.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.MISSING_FILE);
            assertThat(problem.message()).contains("signme-2", "missing");
        });
        assertThat(missingReport.filesVerified()).isEqualTo(1);
    }

    @Test
    void shouldReportTheUnsignedFileOfAnOldBundleUnlessIgnoredOrAllowed() throws Exception {
        Path dir = reference("v1.0.1");
        VerifyRequest plain = VerifyRequest.of(dir, dir.resolve("model.sig"), referencePublicKey());

        VerifyReport strict = new ModelVerifier().verify(plain, log::add);
        VerifyReport allowed = new ModelVerifier().verify(plain.withAllowExtraFiles(true), log::add);
        VerifyReport ignored = new ModelVerifier().verify(plain.withIgnorePaths(List.of(Path.of("ignore-me"))), log::add);

        assertThat(strict.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.EXTRA_FILE);
            assertThat(problem.path()).isEqualTo("ignore-me");
        });
        assertThat(strict.filesVerified()).isEqualTo(2);
        assertThat(allowed.verified()).isTrue();
        assertThat(allowed.extraAllowed()).containsExactly("ignore-me");
        assertThat(ignored.verified()).isTrue();
        assertThat(ignored.ignored()).contains("ignore-me");
    }

    @Test
    void shouldApplyTheIgnorePathsRecordedInACurrentBundle() throws Exception {
        Path dir = reference("v1.1.0");

        VerifyReport report = new ModelVerifier().verify(
                VerifyRequest.of(dir, dir.resolve("model.sig"), referencePublicKey()), log::add);

        assertThat(report.verified()).isTrue();
        assertThat(report.manifest().serialization().ignorePaths()).contains("ignore-me", "model.sig");
    }

    @Test
    void shouldRejectAnUnsignedFileAddedToAReferenceModel() throws Exception {
        Path copy = copyTree(reference("v1.1.0"), temp.resolve("extra"));
        Files.createDirectories(copy.resolve("sub"));
        Files.writeString(copy.resolve("sub/payload.pkl"), "cos\nsystem\n");

        VerifyReport report = new ModelVerifier().verify(referenceRequest(copy, "v1.1.0"), log::add);

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.EXTRA_FILE);
            assertThat(problem.path()).isEqualTo("sub/payload.pkl");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"v0.3.1", "v1.1.0"})
    void shouldRejectAReferenceBundleWithAnotherKeyAsWrongKey(String version) throws Exception {
        SignFixtures.KeyFiles other = SignFixtures.keyPair(temp, "secp384r1", false);
        Path dir = reference(version);
        VerifyRequest request = referenceRequest(dir, version);

        VerifyReport report = new ModelVerifier().verify(new VerifyRequest(request.model(), request.signature(),
                other.publicKey(), request.ignorePaths(), false, List.of(), null, 2), log::add);

        assertThat(report.signatureValid()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.WRONG_KEY);
            assertThat(problem.message()).startsWith("wrong key").contains("e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e");
        });
        assertThat(report.filesVerified()).isZero();
        assertThat(report.filesFailed()).isPositive();
    }

    @Test
    void shouldRejectAReferenceBundleWhoseSignatureOrPayloadWasAltered() throws Exception {
        Path dir = copyTree(reference("v1.1.0"), temp.resolve("altered"));
        String bundle = Files.readString(dir.resolve("model.sig"));
        String sig = bundle.replaceAll(".*\"sig\":\"([^\"]+)\".*", "$1");
        byte[] raw = java.util.Base64.getDecoder().decode(sig);
        raw[raw.length - 1] ^= 0x01;
        Files.writeString(dir.resolve("model.sig"),
                bundle.replace(sig, java.util.Base64.getEncoder().encodeToString(raw)));

        VerifyReport report = new ModelVerifier().verify(referenceRequest(dir, "v1.1.0"), log::add);

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.BAD_SIGNATURE);
            assertThat(problem.message()).startsWith("bad signature");
        });
    }
}
