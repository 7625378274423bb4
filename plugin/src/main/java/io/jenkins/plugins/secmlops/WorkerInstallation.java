package io.jenkins.plugins.secmlops;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the agent: finds the worker jar in the agent's cache ({@code ~/.secmlops/worker/SHA256/}),
 * installing it from the given bytes when missing, and verifies its SHA-256 before every use. Returns
 * the command prefix {@code [java, -jar, path]} with the agent's own Java.
 */
final class WorkerInstallation extends MasterToSlaveFileCallable<String[]> {
    private static final long serialVersionUID = 1L;

    private final String sha256;
    private final byte[] content;

    /** @param content the jar, or {@code null} to only look it up */
    WorkerInstallation(String sha256, byte[] content) {
        this.sha256 = sha256;
        this.content = content == null ? null : content.clone();
    }

    @Override
    public String[] invoke(File workspace, VirtualChannel channel) throws IOException {
        Path folder = Path.of(System.getProperty("user.home"), ".secmlops", "worker", sha256);
        Path jar = folder.resolve("secmlops-cli.jar");
        if (Files.isRegularFile(jar) && sha256.equals(hashOf(jar))) {
            return command(jar);
        }
        if (content == null) {
            return null;
        }
        if (!sha256.equals(WorkerJar.sha256(content))) {
            throw new IOException("The SecMLOps worker jar was corrupted in transfer to this agent");
        }
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "secmlops-cli", ".tmp");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        if (!sha256.equals(hashOf(jar))) {
            throw new IOException("The SecMLOps worker jar at " + jar + " does not match its SHA-256 " + sha256);
        }
        return command(jar);
    }

    private static String hashOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return WorkerJar.sha256(in);
        }
    }

    private static String[] command(Path jar) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new String[] {java, "-jar", jar.toString()};
    }
}
