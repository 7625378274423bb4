package org.secmlops.core.capability.sign;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The elliptic curves of the OpenSSF Model Signing key method, each with the signature hash the reference
 * implementation pairs with it (the hash matches the curve size).
 */
public enum EcCurve {
    P_256("P-256", "secp256r1", "SHA256withECDSA", "PKIX_ECDSA_P256_SHA_256",
            new byte[] {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07}),
    P_384("P-384", "secp384r1", "SHA384withECDSA", "PKIX_ECDSA_P384_SHA_384",
            new byte[] {0x2B, (byte) 0x81, 0x04, 0x00, 0x22}),
    P_521("P-521", "secp521r1", "SHA512withECDSA", "PKIX_ECDSA_P521_SHA_512",
            new byte[] {0x2B, (byte) 0x81, 0x04, 0x00, 0x23});

    private final String displayName;
    private final String stdName;
    private final String signatureAlgorithm;
    private final String keyDetails;
    private final byte[] oid;

    EcCurve(String displayName, String stdName, String signatureAlgorithm, String keyDetails, byte[] oid) {
        this.displayName = displayName;
        this.stdName = stdName;
        this.signatureAlgorithm = signatureAlgorithm;
        this.keyDetails = keyDetails;
        this.oid = oid;
    }

    /** E.g. {@code P-384}. */
    public String displayName() {
        return displayName;
    }

    /** The JCA signature algorithm: ECDSA with the hash that matches the curve, DER-encoded signatures. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The Sigstore {@code PublicKeyDetails} name, e.g. {@code PKIX_ECDSA_P384_SHA_384}. */
    public String keyDetails() {
        return keyDetails;
    }

    /** The JCA name of the curve, e.g. {@code secp384r1}. */
    public String standardName() {
        return stdName;
    }

    /** The curve's OBJECT IDENTIFIER as DER content bytes. */
    public byte[] oid() {
        return oid.clone();
    }

    ECParameterSpec parameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(stdName));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK does not support " + stdName, e);
        }
    }

    /** The curve of the given parameters, if it is one of these. */
    public static Optional<EcCurve> of(ECParameterSpec spec) {
        for (EcCurve curve : values()) {
            ECParameterSpec known = curve.parameters();
            if (known.getOrder().equals(spec.getOrder()) && known.getCurve().equals(spec.getCurve())
                    && known.getGenerator().equals(spec.getGenerator())) {
                return Optional.of(curve);
            }
        }
        return Optional.empty();
    }

    /** The curve named by an OBJECT IDENTIFIER's content bytes. */
    static Optional<EcCurve> ofOid(byte[] content) {
        for (EcCurve curve : values()) {
            if (Arrays.equals(curve.oid, content)) {
                return Optional.of(curve);
            }
        }
        return Optional.empty();
    }
}
