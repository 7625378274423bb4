package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryProvisionerTest {
    private static final byte[] JAR = "not really a jar".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    private static NativeArtifact artifact(byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return new NativeArtifact("org.example.natives", "engine-native", "1.0", "linux-x86_64", sha);
    }

    private NativeLibraryProvisioner provisioner(URI remote) {
        return new NativeLibraryProvisioner(dir.resolve("m2"), remote, dir.resolve("cache"), progress::add);
    }

    @Test
    void shouldUseTheJarFromTheLocalMavenRepositoryWhenItsChecksumMatches() throws Exception {
        NativeArtifact artifact = artifact(JAR);
        Path local = dir.resolve("m2").resolve(artifact.repositoryPath());
        Files.createDirectories(local.getParent());
        Files.write(local, JAR);

        assertThat(provisioner(URI.create("http://127.0.0.1:9/unused")).resolve(artifact)).isEqualTo(local);
        assertThat(artifact.repositoryPath())
                .isEqualTo("org/example/natives/engine-native/1.0/engine-native-1.0-linux-x86_64.jar");
    }

    @Test
    void shouldRejectALocalJarWithTheWrongChecksum() throws Exception {
        NativeArtifact artifact = artifact("the pinned content".getBytes(StandardCharsets.US_ASCII));
        Path local = dir.resolve("m2").resolve(artifact.repositoryPath());
        Files.createDirectories(local.getParent());
        Files.write(local, JAR);

        assertThatThrownBy(() -> provisioner(URI.create("http://127.0.0.1:9/unused")).resolve(artifact))
                .isInstanceOf(NativeLibraryException.class)
                .hasMessageContaining("Checksum mismatch for org.example.natives:engine-native:1.0:linux-x86_64")
                .hasMessageContaining(artifact.sha256());
    }

    @Test
    void shouldDownloadVerifyAndCacheAMissingJar() throws Exception {
        NativeArtifact artifact = artifact(JAR);
        HttpServer server = serve("/maven2/" + artifact.repositoryPath(), JAR);
        try {
            URI remote = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/maven2");
            Path jar = provisioner(remote).resolve(artifact);

            assertThat(jar).startsWith(dir.resolve("cache")).hasBinaryContent(JAR);
            assertThat(progress).anyMatch(line -> line.startsWith("downloading org.example.natives:engine-native")
                    && line.contains("(0.0 MB, once per agent)"))
                    .anyMatch(line -> line.endsWith(": 100% (0.0 of 0.0 MB)"));
            server.stop(0);
            assertThat(provisioner(remote).resolve(artifact)).isEqualTo(jar);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldRejectADownloadWithTheWrongChecksumAndKeepNothing() throws Exception {
        NativeArtifact artifact = artifact("the pinned content".getBytes(StandardCharsets.US_ASCII));
        HttpServer server = serve("/" + artifact.repositoryPath(), JAR);
        try {
            URI remote = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            assertThatThrownBy(() -> provisioner(remote).resolve(artifact))
                    .isInstanceOf(NativeLibraryException.class).hasMessageContaining("Checksum mismatch")
                    .hasMessageContaining("not used");
            try (var files = Files.walk(dir.resolve("cache"))) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldReportAMissingArtifact() throws Exception {
        NativeArtifact artifact = artifact(JAR);
        HttpServer server = serve("/elsewhere", JAR);
        try {
            URI remote = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            assertThatThrownBy(() -> provisioner(remote).resolve(artifact))
                    .isInstanceOf(NativeLibraryException.class).hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldPinTheEngineArtifacts() {
        assertThat(NativeLibraries.of(EngineKind.TENSORFLOW)).extracting(NativeArtifact::coordinates)
                .containsExactly("ai.djl.tensorflow:tensorflow-native-cu121:2.16.1:linux-x86_64");
        assertThat(NativeLibraries.of(EngineKind.PYTORCH)).extracting(NativeArtifact::coordinates)
                .containsExactly("ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64",
                        "ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0");
        assertThat(NativeLibraries.of(EngineKind.ONNX)).extracting(NativeArtifact::coordinates)
                .containsExactly("ai.djl.onnxruntime:onnxruntime-engine:0.36.0",
                        "com.microsoft.onnxruntime:onnxruntime:1.21.1");
    }

    private static HttpServer serve(String path, byte[] body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean found = exchange.getRequestURI().getPath().equals(path);
            exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
            if (found) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }
}
