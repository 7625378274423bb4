package io.jenkins.plugins.secmlops;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import jenkins.MasterToSlaveFileCallable;

/**
 * Installs the worker jar on the agent under {@code HOME/worker/SHA256/secmlops-cli.jar} and verifies its
 * SHA-256 before every use. The jar is streamed to a temporary file beside its final place, checked there
 * and moved into place, so a broken transfer or a tampered copy is never run.
 */
final class WorkerInstallation {
    static final String JAR_NAME = "secmlops-cli.jar";

    private WorkerInstallation() {
    }

    /**
     * The verified jar under {@code home}, installed from the plugin first if it is missing or does not
     * match its digest.
     */
    static FilePath install(FilePath home, WorkerJar jar, PrintStream log) throws IOException, InterruptedException {
        FilePath folder = home.child("worker").child(jar.sha256());
        FilePath target = folder.child(JAR_NAME);
        if (target.act(new IsVerified(jar.sha256()))) {
            return target;
        }
        log.printf(Locale.ROOT, "[secmlops] installing worker %s (%.1f MB) in %s%n", jar.sha256().substring(0, 12),
                jar.size() / 1e6, folder.getRemote());
        folder.mkdirs();
        FilePath temporary = folder.createTempFile("secmlops-cli", ".tmp");
        try {
            try (InputStream in = WorkerJar.open()) {
                temporary.copyFrom(in);
            }
            temporary.act(new MoveIfVerified(jar.sha256(), target.getRemote()));
        } finally {
            if (temporary.exists()) {
                temporary.deleteRecursive();
            }
        }
        return target;
    }

    /** On the agent: whether the file is there and has the digest. */
    static final class IsVerified extends MasterToSlaveFileCallable<Boolean> {
        private static final long serialVersionUID = 1L;
        private final String sha256;

        IsVerified(String sha256) {
            this.sha256 = sha256;
        }

        @Override
        public Boolean invoke(File file, VirtualChannel channel) throws IOException {
            Path path = file.toPath();
            return Files.isRegularFile(path) && sha256.equals(hashOf(path));
        }
    }

    /** On the agent: moves the transferred file to its final name if it has the digest; deletes it otherwise. */
    static final class MoveIfVerified extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final String sha256;
        private final String target;

        MoveIfVerified(String sha256, String target) {
            this.sha256 = sha256;
            this.target = target;
        }

        @Override
        public Void invoke(File file, VirtualChannel channel) throws IOException {
            Path transferred = file.toPath();
            if (!sha256.equals(hashOf(transferred))) {
                Files.deleteIfExists(transferred);
                throw new IOException("The SecMLOps worker jar was corrupted in transfer to this agent");
            }
            Path destination = Path.of(target);
            try {
                Files.move(transferred, destination, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(transferred, destination, StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        }
    }

    private static String hashOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return WorkerJar.sha256(in);
        }
    }
}
