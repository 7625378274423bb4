package io.jenkins.plugins.secmlops;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The worker jar bundled in the plugin, with its SHA-256 that names and verifies every copy on an agent.
 * The jar (about 20 MB) is streamed from the plugin when it is installed, never held in memory.
 */
final class WorkerJar {
    static final String RESOURCE = "/io/jenkins/plugins/secmlops/worker/secmlops-cli.jar";

    private static volatile WorkerJar bundled;

    private final String sha256;
    private final long size;

    private WorkerJar(String sha256, long size) {
        this.sha256 = sha256;
        this.size = size;
    }

    /** The jar bundled in this plugin. */
    static WorkerJar bundled() throws IOException {
        WorkerJar jar = bundled;
        if (jar == null) {
            try (CountingInput in = new CountingInput(open())) {
                String digest = sha256(in);
                jar = new WorkerJar(digest, in.count);
            }
            bundled = jar;
        }
        return jar;
    }

    /** A new stream over the bundled jar. */
    static InputStream open() throws IOException {
        InputStream in = WorkerJar.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException("The SecMLOps plugin is damaged: it lacks its worker " + RESOURCE);
        }
        return in;
    }

    String sha256() {
        return sha256;
    }

    long size() {
        return size;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static final class CountingInput extends java.io.FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int read = super.read(b, off, len);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
