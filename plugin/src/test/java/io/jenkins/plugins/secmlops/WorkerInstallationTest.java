package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerInstallationTest {
    private static final byte[] JAR = "not really a jar, but bytes with a digest".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    @Test
    void shouldMoveATransferredJarIntoPlaceOnlyWhenItMatchesItsDigest() throws Exception {
        String sha = WorkerJar.sha256(JAR);
        Path transferred = Files.write(folder.resolve("secmlops-cli123.tmp"), JAR);
        Path target = folder.resolve(WorkerInstallation.JAR_NAME);

        assertThat(new WorkerInstallation.IsVerified(sha).invoke(target.toFile(), null)).isFalse();
        new WorkerInstallation.MoveIfVerified(sha, target.toString()).invoke(transferred.toFile(), null);

        assertThat(target).hasBinaryContent(JAR);
        assertThat(transferred).doesNotExist();
        assertThat(new WorkerInstallation.IsVerified(sha).invoke(target.toFile(), null)).isTrue();
    }

    @Test
    void shouldNotTrustATamperedInstalledJar() throws Exception {
        String sha = WorkerJar.sha256(JAR);
        Path target = Files.writeString(folder.resolve(WorkerInstallation.JAR_NAME), "tampered");

        assertThat(new WorkerInstallation.IsVerified(sha).invoke(target.toFile(), null)).isFalse();
        assertThat(new WorkerInstallation.IsVerified(sha).invoke(folder.toFile(), null)).as("a folder").isFalse();
    }

    @Test
    void shouldDeleteATransferThatDoesNotMatchItsDigestAndKeepTheInstalledJar() throws Exception {
        String sha = WorkerJar.sha256("other".getBytes(StandardCharsets.UTF_8));
        Path transferred = Files.write(folder.resolve("secmlops-cli123.tmp"), JAR);
        Path target = Files.writeString(folder.resolve(WorkerInstallation.JAR_NAME), "earlier");

        assertThatThrownBy(() -> new WorkerInstallation.MoveIfVerified(sha, target.toString())
                .invoke(transferred.toFile(), null))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupted");
        assertThat(transferred).doesNotExist();
        assertThat(target).hasContent("earlier");
    }

    @Test
    void shouldStreamTheBundledWorkerJarAndKnowItsDigestAndSize() throws Exception {
        WorkerJar bundled = WorkerJar.bundled();

        assertThat(bundled.sha256()).hasSize(64);
        assertThat(bundled.size()).isGreaterThan(1_000_000);
        try (var in = WorkerJar.open()) {
            byte[] content = in.readAllBytes();
            assertThat(content).startsWith((byte) 'P', (byte) 'K').hasSize((int) bundled.size());
            assertThat(WorkerJar.sha256(content)).isEqualTo(bundled.sha256());
        }
    }

    @Test
    void shouldKeepEnginesThreadsFromSpinningUnlessTheStepSaysOtherwise() {
        EnvVars step = new EnvVars();
        step.put("HTTPS_PROXY", "http://proxy:3128");
        EnvVars active = new EnvVars();
        active.put("OMP_WAIT_POLICY", "ACTIVE");

        assertThat(JenkinsWorkerLauncher.workerEnvironment(step)).containsEntry("OMP_WAIT_POLICY", "PASSIVE")
                .containsEntry("HTTPS_PROXY", "http://proxy:3128");
        assertThat(JenkinsWorkerLauncher.workerEnvironment(active)).containsEntry("OMP_WAIT_POLICY", "ACTIVE");
        assertThat(step).doesNotContainKey("OMP_WAIT_POLICY");
    }

    @Test
    void shouldRunTheJavaOfTheStepsEnvironment() {
        EnvVars withHome = new EnvVars();
        withHome.put("JAVA_HOME", "/opt/jdk-21/");
        EnvVars blankHome = new EnvVars();
        blankHome.put("JAVA_HOME", " ");

        assertThat(WorkerJava.fromEnvironment(withHome, "/")).isEqualTo("/opt/jdk-21/bin/java");
        assertThat(WorkerJava.fromEnvironment(blankHome, "/")).isEqualTo("java");
        assertThat(WorkerJava.fromEnvironment(new EnvVars(), "/")).isEqualTo("java");
        assertThat(WorkerJava.fromEnvironment(null, "/")).isEqualTo("java");
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
