package io.jenkins.plugins.secmlops;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The worker jar bundled in the plugin, with its SHA-256 that names and verifies every copy on an agent. */
final class WorkerJar {
    static final String RESOURCE = "/io/jenkins/plugins/secmlops/worker/secmlops-cli.jar";

    private static volatile WorkerJar bundled;

    private final byte[] content;
    private final String sha256;

    WorkerJar(byte[] content) {
        this.content = content.clone();
        this.sha256 = sha256(content);
    }

    /** The jar bundled in this plugin. */
    static WorkerJar bundled() throws IOException {
        WorkerJar jar = bundled;
        if (jar == null) {
            try (InputStream in = WorkerJar.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException("The SecMLOps plugin is damaged: it lacks its worker " + RESOURCE);
                }
                jar = new WorkerJar(in.readAllBytes());
            }
            bundled = jar;
        }
        return jar;
    }

    byte[] content() {
        return content.clone();
    }

    String sha256() {
        return sha256;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
