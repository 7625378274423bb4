package org.secmlops.core.capability.sign;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import org.secmlops.core.capability.sign.EcCurve;

/**
 * An ECDSA private key with its public half. Its {@link #toString()} names the curve and the public key
 * only; nothing in this package writes the private key anywhere.
 */
public final class SigningKey {
    private final ECPrivateKey privateKey;
    private final VerificationKey publicKey;

    SigningKey(ECPrivateKey privateKey, VerificationKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public EcCurve curve() {
        return publicKey.curve();
    }

    public VerificationKey publicKey() {
        return publicKey;
    }

    /** Signs the data with ECDSA and the curve's hash; the signature is DER, as the reference writes it. */
    public byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance(curve().signatureAlgorithm());
            signer.initSign(privateKey);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            // The JCA's messages name algorithms, never key material.
            throw new IllegalStateException("ECDSA signing failed: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + curve().displayName() + ", public key hint " + publicKey.hint() + "]";
    }
}
