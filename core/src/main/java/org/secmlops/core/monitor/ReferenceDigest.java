package org.secmlops.core.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 that names a reference: the bytes of the reference data (every file of a folder, by relative path),
 * its label file, the reading and preprocessing options, the model's files where one is given, and
 * {@link ReferenceStatistics#VERSION}. Any change to one of them gives another digest, so a cache or state made
 * against another reference is never used.
 */
final class ReferenceDigest {
    private ReferenceDigest() {
    }

    static String of(MonitorRequest request) throws IOException {
        MessageDigest sha = sha256();
        text(sha, ReferenceStatistics.VERSION);
        tree(sha, request.reference().path());
        if (request.reference().labels() != null) {
            tree(sha, request.reference().labels());
        }
        text(sha, String.valueOf(request.reference().labelColumn()) + '|' + request.reference().header() + '|'
                + java.util.Arrays.toString(request.reference().imageSize()) + '|' + request.reference().channels());
        text(sha, request.preprocessing().toString());
        if (request.model() != null) {
            tree(sha, request.model().path());
            text(sha, request.model().engine() + "|" + request.model().signature() + "|"
                    + request.model().inputName() + "|" + request.model().outputName() + "|"
                    + request.model().sampleShape());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void tree(MessageDigest sha, Path root) throws IOException {
        if (Files.isDirectory(root)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                text(sha, root.relativize(file).toString().replace('\\', '/'));
                file(sha, file);
            }
        } else {
            file(sha, root);
        }
    }

    private static void file(MessageDigest sha, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        text(sha, "|");
    }

    private static void text(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
