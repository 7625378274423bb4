package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerInstallationTest {
    private static final byte[] JAR = "not really a jar, but bytes with a digest".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path home;
    private String originalHome;

    @BeforeEach
    void useTemporaryHome() {
        originalHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", originalHome);
    }

    @Test
    void shouldInstallOncePerDigestAndRunItWithTheAgentsJava() throws Exception {
        String sha = WorkerJar.sha256(JAR);

        assertThat(new WorkerInstallation(sha, null).invoke(home.toFile(), null)).isNull();
        String[] command = new WorkerInstallation(sha, JAR).invoke(home.toFile(), null);

        Path installed = home.resolve(".secmlops/worker").resolve(sha).resolve("secmlops-cli.jar");
        assertThat(command).containsExactly(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", installed.toString());
        assertThat(installed).hasBinaryContent(JAR);
        assertThat(new WorkerInstallation(sha, null).invoke(home.toFile(), null)).isEqualTo(command);
    }

    @Test
    void shouldNotUseTamperedCachedJar() throws Exception {
        String sha = WorkerJar.sha256(JAR);
        new WorkerInstallation(sha, JAR).invoke(home.toFile(), null);
        Path installed = home.resolve(".secmlops/worker").resolve(sha).resolve("secmlops-cli.jar");
        Files.writeString(installed, "tampered");

        assertThat(new WorkerInstallation(sha, null).invoke(home.toFile(), null)).isNull();
        new WorkerInstallation(sha, JAR).invoke(home.toFile(), null);
        assertThat(installed).hasBinaryContent(JAR);
    }

    @Test
    void shouldRefuseContentThatDoesNotMatchItsDigest() {
        String sha = WorkerJar.sha256("other".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new WorkerInstallation(sha, JAR).invoke(home.toFile(), null))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupted");
    }

    @Test
    void shouldBundleTheWorkerJarInThePlugin() throws Exception {
        WorkerJar bundled = WorkerJar.bundled();

        assertThat(bundled.sha256()).hasSize(64);
        assertThat(bundled.content()).startsWith((byte) 'P', (byte) 'K');
    }

    @Test
    void shouldKeepTheLastBytesOfStandardError() throws Exception {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        JenkinsWorkerLauncher.ErrorTail tail = new JenkinsWorkerLauncher.ErrorTail(log);
        byte[] noise = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        tail.write(noise);
        tail.write("ERROR: model/ does not exist".getBytes(StandardCharsets.UTF_8));

        assertThat(tail.tail()).endsWith("ERROR: model/ does not exist").hasSizeLessThanOrEqualTo(4096);
        assertThat(log.size()).isEqualTo(10_000 + 28);
    }
}
