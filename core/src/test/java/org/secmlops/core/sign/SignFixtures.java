package org.secmlops.core.sign;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.secmlops.core.capability.sign.Der;
import org.secmlops.core.capability.sign.EcCurve;
import org.secmlops.testsupport.ExternalData;

/** Test data: the shared OMS test vectors, key pairs in the PEM layouts the signer reads, model trees. */
final class SignFixtures {
    /** P-256 PKCS#8 private key as {@code openssl genpkey} writes it (public key embedded). */
    static final String OPENSSL_P256_PKCS8 = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQglG5fkkYO7pPp68TE
            /zol5IBV2KgbBUTL67AH2rAu/fmhRANCAASczYAWQZlhqFjfrYnqNDO4U0wm02/b
            TdI+wWdJaZgrcogyHbQZsx/4L+8LVrmcfewP1+Cn+Kqx0v054h1l/3zJ
            -----END PRIVATE KEY-----
            """;
    static final String OPENSSL_P256_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEnM2AFkGZYahY362J6jQzuFNMJtNv
            203SPsFnSWmYK3KIMh20GbMf+C/vC1a5nH3sD9fgp/iqsdL9OeIdZf98yQ==
            -----END PUBLIC KEY-----
            """;
    /** P-384 SEC1 private key as {@code openssl ecparam -genkey -noout} writes it. */
    static final String OPENSSL_P384_SEC1 = """
            -----BEGIN EC PRIVATE KEY-----
            MIGkAgEBBDDUIkpKvQhUDuTfVIEj8lBNfI1op09gnShK8PiEbAEVgfoWn1fGm3w6
            S0lVyKkZzoygBwYFK4EEACKhZANiAARziGwf+TqURN1n/wHf46XAsCQIWX/sQJgH
            L1G4oVP0CtdtnX9iKd8XPMXUGIUmvEq1st1v7Lfbao7LMLkg5M2FB4cZ8eSxuBNB
            0VbXqTaWngcR05Id0+UJlb+N1HKNjUs=
            -----END EC PRIVATE KEY-----
            """;
    static final String OPENSSL_P384_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEc4hsH/k6lETdZ/8B3+OlwLAkCFl/7ECY
            By9RuKFT9ArXbZ1/YinfFzzF1BiFJrxKtbLdb+y322qOyzC5IOTNhQeHGfHksbgT
            QdFW16k2lp4HEdOSHdPlCZW/jdRyjY1L
            -----END PUBLIC KEY-----
            """;

    private SignFixtures() {
    }

    /** {@code shared/oms-test-vectors}, found by walking up from the working directory. */
    static Path vectors() {
        return ExternalData.omsTestVectors();
    }

    static Path reference(String version) {
        return vectors().resolve("model-transparency/" + version + "-elliptic-key");
    }

    static Path referencePublicKey() {
        return vectors().resolve("model-transparency/keys/certificate/signing-key-pub.pem");
    }

    static Path referencePrivateKey() {
        return vectors().resolve("model-transparency/keys/certificate/signing-key.pem");
    }

    static Path specVector(String relative) {
        return vectors().resolve("model-signing-spec/test-vectors/v1.0/" + relative);
    }

    /** Copies a tree; the copies are writable. */
    static Path copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                copy.toFile().setWritable(true);
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }

    /** Flips one bit of the byte at the offset. */
    static void flipByte(Path file, int offset) throws IOException {
        byte[] content = Files.readAllBytes(file);
        content[offset] ^= 0x01;
        Files.write(file, content);
    }

    /** A key pair written as PEM files: private (PKCS#8 with the public key embedded, or SEC1) and public. */
    record KeyFiles(Path privateKey, Path publicKey, String privatePem) {
    }

    static KeyFiles keyPair(Path dir, String curveName, boolean sec1) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curveName));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
        EcCurve curve = EcCurve.of(publicKey.getParams()).orElseThrow();
        int size = (publicKey.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = concat(new byte[] {0x04}, fixed(publicKey.getW().getAffineX(), size),
                fixed(publicKey.getW().getAffineY(), size));
        byte[] curveOid = Der.encode(Der.OID, curve.oid());
        byte[] publicBits = Der.encode(Der.BIT_STRING, new byte[] {0}, point);
        byte[] scalar = Der.encode(Der.OCTET_STRING, fixed(privateKey.getS(), size));
        byte[] version1 = Der.encode(Der.INTEGER, new byte[] {1});
        String label;
        byte[] der;
        if (sec1) {
            label = "EC PRIVATE KEY";
            der = Der.encode(Der.SEQUENCE, version1, scalar, Der.encode(Der.CONTEXT_0, curveOid),
                    Der.encode(Der.CONTEXT_1, publicBits));
        } else {
            label = "PRIVATE KEY";
            byte[] inner = Der.encode(Der.SEQUENCE, version1, scalar, Der.encode(Der.CONTEXT_1, publicBits));
            der = Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}),
                    Der.encode(Der.SEQUENCE, Der.encode(Der.OID, Der.EC_PUBLIC_KEY_OID), curveOid),
                    Der.encode(Der.OCTET_STRING, inner));
        }
        String privatePem = pem(label, der);
        String name = curve.displayName() + (sec1 ? "-sec1" : "-pkcs8");
        Path privateFile = Files.writeString(dir.resolve(name + ".pem"), privatePem);
        Path publicFile = Files.writeString(dir.resolve(name + ".pub.pem"), pem("PUBLIC KEY", publicKey.getEncoded()));
        return new KeyFiles(privateFile, publicFile, privatePem);
    }

    /** A PKCS#8 private key as the JDK encodes it: without the public key. */
    static Path jdkPkcs8WithoutPublicKey(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(dir.resolve("jdk.pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return Files.writeString(dir.resolve("jdk.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] fixed(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == size) {
            return bytes;
        }
        byte[] out = new byte[size];
        int copy = Math.min(bytes.length, size);
        System.arraycopy(bytes, bytes.length - copy, out, size - copy, copy);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] out = new byte[length];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, position, part.length);
            position += part.length;
        }
        return out;
    }

    /** A model with nested folders, a git folder and one file of {@code bigSize} bytes. */
    static Path nestedModel(Path dir, int bigSize) throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{\"layers\": 3}");
        Files.createDirectories(model.resolve("weights/layer-1"));
        byte[] big = new byte[bigSize];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        Files.write(model.resolve("weights/layer-1/big.bin"), big);
        Files.writeString(model.resolve("weights/layer-1/bias.npy"), "bias");
        Files.writeString(model.resolve("weights/a.bin"), "a");
        Files.write(model.resolve("empty.txt"), new byte[0]);
        Files.createDirectories(model.resolve(".git/objects"));
        Files.writeString(model.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        return model;
    }
}
