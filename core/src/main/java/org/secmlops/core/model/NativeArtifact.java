package org.secmlops.core.model;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A Maven artifact pinned by coordinates and SHA-256, such as an engine's native library jar.
 *
 * @param groupId    e.g. {@code ai.djl.tensorflow}
 * @param artifactId e.g. {@code tensorflow-native-cu121}
 * @param version    e.g. {@code 2.16.1}
 * @param classifier e.g. {@code linux-x86_64}; empty for none
 * @param sha256     the jar's SHA-256, lower-case hex
 */
public record NativeArtifact(String groupId, String artifactId, String version, String classifier, String sha256) {
    public NativeArtifact {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(sha256, "sha256");
        if (HexFormat.of().parseHex(sha256).length != 32) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits: " + sha256);
        }
    }

    /** The jar's file name, e.g. {@code tensorflow-native-cu121-2.16.1-linux-x86_64.jar}. */
    public String fileName() {
        return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
    }

    /** The path in a Maven repository layout, with {@code /} separators. */
    public String repositoryPath() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + fileName();
    }

    /** {@code group:artifact:version[:classifier]}. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier);
    }
}
