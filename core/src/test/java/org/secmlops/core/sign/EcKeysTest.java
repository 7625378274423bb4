package org.secmlops.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.sign.EcCurve;
import org.secmlops.core.capability.sign.EcKeys;
import org.secmlops.core.capability.sign.SignException;
import org.secmlops.core.capability.sign.SigningKey;
import org.secmlops.core.capability.sign.VerificationKey;

class EcKeysTest {
    /** The reference bundle v1.1.0's publicKey.hint. */
    static final String REFERENCE_HINT = "e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e";

    @TempDir
    Path temp;

    @Test
    void shouldComputeTheReferenceHintFromAPublicKeyFileWithCerttoolText() throws Exception {
        VerificationKey key = EcKeys.readPublicKey(SignFixtures.referencePublicKey());

        assertThat(key.curve()).isEqualTo(EcCurve.P_384);
        assertThat(key.hint()).isEqualTo(REFERENCE_HINT);
        assertThat(key.canonicalPem()).startsWith("-----BEGIN PUBLIC KEY-----\nMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE");
    }

    @Test
    void shouldReadTheReferenceSec1PrivateKeyWithItsPublicHalf() throws Exception {
        SigningKey key = EcKeys.readPrivateKey(SignFixtures.referencePrivateKey(), null);

        assertThat(key.curve()).isEqualTo(EcCurve.P_384);
        assertThat(key.publicKey().hint()).isEqualTo(REFERENCE_HINT);
        assertThat(key.toString()).contains("P-384", REFERENCE_HINT).doesNotContain("private value");
    }

    @Test
    void shouldReadOpensslPkcs8AndSec1KeysAndSignWithTheCurveHash() throws Exception {
        SigningKey p256 = EcKeys.readPrivateKey(write("p256.pem", SignFixtures.OPENSSL_P256_PKCS8), null);
        SigningKey p384 = EcKeys.readPrivateKey(write("p384.pem", SignFixtures.OPENSSL_P384_SEC1), null);
        VerificationKey p256Public = EcKeys.readPublicKey(write("p256.pub", SignFixtures.OPENSSL_P256_PUBLIC));
        VerificationKey p384Public = EcKeys.readPublicKey(write("p384.pub", SignFixtures.OPENSSL_P384_PUBLIC));
        byte[] data = "payload".getBytes(StandardCharsets.US_ASCII);

        assertThat(p256.curve().signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(p384.curve().signatureAlgorithm()).isEqualTo("SHA384withECDSA");
        assertThat(p256Public.sameKeyAs(p256.publicKey())).isTrue();
        assertThat(p384Public.verify(data, p384.sign(data))).isTrue();
        assertThat(p256Public.verify(data, p384.sign(data))).isFalse();
        assertThat(p256Public.verify(data, new byte[] {0x30, 0x01})).isFalse();
    }

    @Test
    void shouldNeedThePublicKeyWhenThePrivateKeyDoesNotEmbedIt() throws Exception {
        Path privateKey = SignFixtures.jdkPkcs8WithoutPublicKey(temp);

        assertThatThrownBy(() -> EcKeys.readPrivateKey(privateKey, null)).isInstanceOf(SignException.class)
                .hasMessageContaining("does not embed its public key").hasMessageContaining("--public-key");
        assertThat(EcKeys.readPrivateKey(privateKey, temp.resolve("jdk.pub.pem")).curve()).isEqualTo(EcCurve.P_256);
        assertThatThrownBy(() -> EcKeys.readPrivateKey(privateKey, write("other.pub", SignFixtures.OPENSSL_P256_PUBLIC)))
                .hasMessageContaining("does not belong");
    }

    @Test
    void shouldRejectUnusableKeyFilesWithoutQuotingThem() throws Exception {
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEF\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n";
        String ed25519 = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINOeLUNbXFbTZ4A1Xg/1Xi8rVVmC+8F9jCV34iqQKg8z\n"
                + "-----END PRIVATE KEY-----\n";
        String garbage = "-----BEGIN PRIVATE KEY-----\nAAAAsecretAAAA\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> EcKeys.readPrivateKey(write("enc.pem", encrypted), null))
                .hasMessageContaining("encrypted");
        assertThatThrownBy(() -> EcKeys.readPrivateKey(write("ed.pem", ed25519), null))
                .hasMessageContaining("not an elliptic-curve key");
        assertThatThrownBy(() -> EcKeys.readPrivateKey(write("garbage.pem", garbage), null))
                .hasMessageNotContaining("AAAAsecretAAAA").hasNoCause();
        assertThatThrownBy(() -> EcKeys.readPrivateKey(temp.resolve("missing.pem"), null))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> EcKeys.readPublicKey(write("priv-as-pub.pem", SignFixtures.OPENSSL_P256_PKCS8)))
                .hasMessageContaining("no PEM block of type PUBLIC KEY (found PRIVATE KEY)")
                .hasMessageNotContaining("MIGHAgEAMBMGByqGSM49");
    }

    @Test
    void shouldRejectAPublicKeyPointThatIsNotOnTheCurve() throws Exception {
        byte[] der = java.util.Base64.getMimeDecoder().decode(SignFixtures.OPENSSL_P256_PUBLIC
                .replaceAll("-----[A-Z ]+-----", ""));
        der[der.length - 1] ^= 0x01;

        assertThatThrownBy(() -> EcKeys.readPublicKey(write("bad.pub", SignFixtures.pem("PUBLIC KEY", der))))
                .hasMessageContaining("not a point on P-256");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(temp.resolve(name), content);
    }
}
