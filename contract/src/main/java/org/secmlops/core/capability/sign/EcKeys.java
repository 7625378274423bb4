package org.secmlops.core.capability.sign;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.secmlops.core.capability.sign.Der.MalformedDerException;
import org.secmlops.core.capability.sign.Der.Tlv;

/**
 * Reads ECDSA keys (P-256, P-384, P-521) from PEM files: private keys as PKCS#8 ({@code PRIVATE KEY}) or
 * SEC1 ({@code EC PRIVATE KEY}), public keys as SubjectPublicKeyInfo ({@code PUBLIC KEY}). Text around the
 * PEM block (as {@code certtool} writes it) is skipped.
 *
 * <p>No message of an exception thrown here contains any part of a key file, and no exception from key
 * parsing is chained as a cause: the private key never reaches a log.
 */
public final class EcKeys {
    private static final int MAX_KEY_FILE = 1 << 20;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,40})-----([^-]*)-----END \\1-----");

    private EcKeys() {
    }

    /**
     * Reads a private key and its public half.
     *
     * @param file          PEM private key; PKCS#8 as OpenSSL and the reference implementation write it embeds
     *                      the public key, SEC1 usually does
     * @param publicKeyFile the public key, needed only when the private key file does not embed it (PKCS#8 as
     *                      the JDK writes it); may be {@code null}
     * @throws SignException if a file is missing, unreadable, not an EC key of a supported curve, encrypted,
     *                       or the two halves do not belong together
     */
    public static SigningKey readPrivateKey(Path file, Path publicKeyFile) throws SignException {
        String what = "private key " + file;
        byte[] der = pemBlock(readKeyFile(file, what), what, List.of("PRIVATE KEY", "EC PRIVATE KEY"));
        try {
            ParsedPrivate parsed = parsePrivate(der, what);
            ECPrivateKey privateKey;
            try {
                privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
                        .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, parsed.scalar), parsed.curve.parameters()));
            } catch (GeneralSecurityException | ClassCastException e) {
                throw new SignException(what + " is not a valid " + parsed.curve.displayName() + " private key");
            } finally {
                Arrays.fill(parsed.scalar, (byte) 0);
            }
            VerificationKey publicKey;
            if (publicKeyFile != null) {
                publicKey = readPublicKey(publicKeyFile);
            } else if (parsed.publicPoint != null) {
                publicKey = publicKeyFromPoint(parsed.curve, parsed.publicPoint, what);
            } else {
                throw new SignException(what + " does not embed its public key; give the public key file as well"
                        + " (--public-key)");
            }
            if (publicKey.curve() != parsed.curve) {
                throw new SignException("public key is on " + publicKey.curve().displayName() + " but " + what
                        + " is on " + parsed.curve.displayName());
            }
            SigningKey key = new SigningKey(privateKey, publicKey);
            byte[] probe = "secmlops key pair check".getBytes(StandardCharsets.US_ASCII);
            if (!publicKey.verify(probe, key.sign(probe))) {
                throw new SignException("the public key does not belong to " + what);
            }
            return key;
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /**
     * Reads a SubjectPublicKeyInfo PEM public key.
     *
     * @throws SignException if the file is missing, unreadable or not an EC public key of a supported curve
     */
    public static VerificationKey readPublicKey(Path file) throws SignException {
        String what = "public key " + file;
        byte[] der = pemBlock(readKeyFile(file, what), what, List.of("PUBLIC KEY"));
        return publicKeyFromSpki(der, what);
    }

    /** Parses PEM text holding a public key, e.g. a bundle's {@code publicKey.rawBytes}. */
    public static VerificationKey parsePublicKeyPem(String pem, String what) throws SignException {
        byte[] der = pemBlock(pem.getBytes(StandardCharsets.ISO_8859_1), what, List.of("PUBLIC KEY"));
        return publicKeyFromSpki(der, what);
    }

    private static byte[] readKeyFile(Path file, String what) throws SignException {
        try {
            if (Files.isDirectory(file)) {
                throw new SignException(what + " is a directory, not a PEM file");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new SignException(what + " is not a regular file (a device, FIFO or socket): not a PEM key");
            }
            if (Files.size(file) > MAX_KEY_FILE) {
                throw new SignException(what + " is larger than 1 MiB: not a PEM key");
            }
            return org.secmlops.core.io.InputFiles.readBounded(file, MAX_KEY_FILE, what);
        } catch (org.secmlops.core.io.PathRefusedException e) {
            throw new SignException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new SignException(what + " does not exist");
        } catch (IOException e) {
            throw new SignException("cannot read " + what + ": " + e.getClass().getSimpleName());
        }
    }

    /** The DER of the first PEM block with one of the labels; the file's bytes are wiped. */
    private static byte[] pemBlock(byte[] content, String what, List<String> labels) throws SignException {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        Arrays.fill(content, (byte) 0);
        Matcher matcher = PEM.matcher(text);
        List<String> seen = new ArrayList<>();
        while (matcher.find()) {
            String label = matcher.group(1);
            if (!labels.contains(label)) {
                seen.add(label);
                continue;
            }
            String body = matcher.group(2);
            if (body.contains(":")) {
                throw new SignException(what + " is encrypted (PEM headers); decrypt it first");
            }
            try {
                return Base64.getDecoder().decode(body.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new SignException(what + " has a PEM block that is not valid base64");
            }
        }
        if (seen.contains("ENCRYPTED PRIVATE KEY")) {
            throw new SignException(what + " is an encrypted PKCS#8 key; decrypt it first");
        }
        throw new SignException(what + " holds no PEM block of type " + String.join(" or ", labels)
                + (seen.isEmpty() ? "" : " (found " + String.join(", ", seen) + ")"));
    }

    private record ParsedPrivate(EcCurve curve, byte[] scalar, byte[] publicPoint) {
    }

    private static ParsedPrivate parsePrivate(byte[] der, String what) throws SignException {
        try {
            Tlv outer = Der.readSingle(der).expect(Der.SEQUENCE, what);
            List<Tlv> fields = outer.children();
            if (fields.size() >= 3 && fields.get(1).tag() == Der.SEQUENCE) {
                // PKCS#8 PrivateKeyInfo: version, AlgorithmIdentifier, OCTET STRING (SEC1 ECPrivateKey), ...
                List<Tlv> algorithm = fields.get(1).children();
                if (algorithm.isEmpty() || algorithm.get(0).tag() != Der.OID
                        || !Arrays.equals(algorithm.get(0).value(), Der.EC_PUBLIC_KEY_OID)) {
                    throw new SignException(what + " is not an elliptic-curve key; only ECDSA P-256, P-384 and"
                            + " P-521 keys are supported");
                }
                EcCurve curve = algorithm.size() > 1 ? curveOf(algorithm.get(1), what) : null;
                byte[] sec1 = fields.get(2).expect(Der.OCTET_STRING, what).value();
                try {
                    ParsedPrivate inner = parseSec1(sec1, what, curve);
                    byte[] point = inner.publicPoint;
                    for (int i = 3; i < fields.size() && point == null; i++) {
                        if (fields.get(i).tag() == 0x81) {
                            point = bitStringBytes(fields.get(i).value(), what);
                        }
                    }
                    return new ParsedPrivate(inner.curve, inner.scalar, point);
                } finally {
                    Arrays.fill(sec1, (byte) 0);
                }
            }
            return parseSec1(der, what, null);
        } catch (MalformedDerException e) {
            throw new SignException(what + " is not a well-formed EC private key (" + e.getMessage() + ")");
        }
    }

    /** SEC1 ECPrivateKey: version 1, OCTET STRING scalar, [0] curve OID, [1] BIT STRING public point. */
    private static ParsedPrivate parseSec1(byte[] der, String what, EcCurve knownCurve)
            throws MalformedDerException, SignException {
        List<Tlv> fields = Der.readSingle(der).expect(Der.SEQUENCE, what).children();
        if (fields.size() < 2 || fields.get(0).tag() != Der.INTEGER || fields.get(1).tag() != Der.OCTET_STRING) {
            throw new MalformedDerException("not an ECPrivateKey structure");
        }
        EcCurve curve = knownCurve;
        byte[] point = null;
        for (int i = 2; i < fields.size(); i++) {
            Tlv field = fields.get(i);
            if (field.tag() == Der.CONTEXT_0) {
                List<Tlv> inner = field.children();
                EcCurve named = inner.isEmpty() ? null : curveOf(inner.get(0), what);
                if (curve != null && named != null && curve != named) {
                    throw new SignException(what + " names two different curves");
                }
                curve = curve == null ? named : curve;
            } else if (field.tag() == Der.CONTEXT_1) {
                List<Tlv> inner = field.children();
                if (!inner.isEmpty()) {
                    point = bitStringBytes(inner.get(0).expect(Der.BIT_STRING, what).value(), what);
                }
            }
        }
        if (curve == null) {
            throw new SignException(what + " does not name its curve");
        }
        return new ParsedPrivate(curve, fields.get(1).value(), point);
    }

    private static EcCurve curveOf(Tlv oid, String what) throws SignException {
        if (oid.tag() != Der.OID) {
            throw new SignException(what + " uses explicit curve parameters; only named curves P-256, P-384 and"
                    + " P-521 are supported");
        }
        Optional<EcCurve> curve = EcCurve.ofOid(oid.value());
        if (curve.isEmpty()) {
            throw new SignException(what + " is on an unsupported curve; only P-256, P-384 and P-521 are supported");
        }
        return curve.get();
    }

    private static byte[] bitStringBytes(byte[] bitString, String what) throws SignException {
        if (bitString.length < 2 || bitString[0] != 0) {
            throw new SignException(what + " has a malformed public key bit string");
        }
        return Arrays.copyOfRange(bitString, 1, bitString.length);
    }

    private static VerificationKey publicKeyFromSpki(byte[] der, String what) throws SignException {
        try {
            List<Tlv> fields = Der.readSingle(der).expect(Der.SEQUENCE, what).children();
            if (fields.size() != 2 || fields.get(0).tag() != Der.SEQUENCE || fields.get(1).tag() != Der.BIT_STRING) {
                throw new SignException(what + " is not a SubjectPublicKeyInfo structure");
            }
            List<Tlv> algorithm = fields.get(0).children();
            if (algorithm.size() != 2 || algorithm.get(0).tag() != Der.OID
                    || !Arrays.equals(algorithm.get(0).value(), Der.EC_PUBLIC_KEY_OID)) {
                throw new SignException(what + " is not an elliptic-curve key; only ECDSA P-256, P-384 and P-521"
                        + " keys are supported");
            }
            EcCurve curve = curveOf(algorithm.get(1), what);
            return publicKeyFromPoint(curve, bitStringBytes(fields.get(1).value(), what), what);
        } catch (MalformedDerException e) {
            throw new SignException(what + " is not a well-formed public key (" + e.getMessage() + ")");
        }
    }

    private static VerificationKey publicKeyFromPoint(EcCurve curve, byte[] point, String what)
            throws SignException {
        ECParameterSpec parameters = curve.parameters();
        int size = (parameters.getCurve().getField().getFieldSize() + 7) / 8;
        if (point.length != 1 + 2 * size || point[0] != 0x04) {
            throw new SignException(what + " is not an uncompressed " + curve.displayName() + " point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length));
        if (!onCurve(parameters.getCurve(), x, y)) {
            throw new SignException(what + " is not a point on " + curve.displayName());
        }
        try {
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), parameters));
            return new VerificationKey(key, curve);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new SignException(what + " is not a valid " + curve.displayName() + " public key");
        }
    }

    private static boolean onCurve(EllipticCurve curve, BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }
}
