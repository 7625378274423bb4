package org.secmlops.core.capability.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.secmlops.core.capability.sign.EcCurve;

/**
 * An ECDSA public key that verifies model signatures, with the curve that fixes its signature hash.
 * Identified in a bundle by its {@link #hint()}.
 */
public final class VerificationKey {
    private final ECPublicKey key;
    private final EcCurve curve;
    private final byte[] spki;

    VerificationKey(ECPublicKey key, EcCurve curve) {
        this.key = key;
        this.curve = curve;
        this.spki = key.getEncoded();
    }

    public EcCurve curve() {
        return curve;
    }

    ECPublicKey key() {
        return key;
    }

    /**
     * The key as the reference implementation writes it: SubjectPublicKeyInfo in PEM with 64-character
     * lines and a final newline.
     */
    public String canonicalPem() {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki);
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** The key's identifier in a bundle's {@code publicKey.hint}: SHA-256 (hex) of {@link #canonicalPem()}. */
    public String hint() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonicalPem().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** Whether the DER signature over the data was made by the private half of this key. */
    public boolean verify(byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(curve.signatureAlgorithm());
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed DER signature is a signature that does not verify.
            return false;
        }
    }

    /** Whether both are the same public key. */
    public boolean sameKeyAs(VerificationKey other) {
        return Arrays.equals(spki, other.spki);
    }

    @Override
    public String toString() {
        return "VerificationKey[" + curve.displayName() + ", hint " + hint() + "]";
    }
}
