package org.secmlops.core.sign;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to sign and how.
 *
 * @param model          the model: a file or a directory
 * @param signature      where the signature bundle is written (excluded from the model if inside it)
 * @param privateKey     PEM private key file (PKCS#8 or SEC1, P-256/P-384/P-521); read, never copied
 * @param publicKey      PEM public key, only needed when the private key file does not embed it; may be null
 * @param ignorePaths    paths left out of the signature (absolute, relative to the working directory, or
 *                       relative to the model root)
 * @param ignoreGitPaths whether {@code .git}, {@code .gitattributes}, {@code .github}, {@code .gitignore} at
 *                       the model root are left out (the specification's default)
 * @param method         how files are serialized
 * @param shardSize      bytes per shard for the shards method
 * @param threads        hashing threads, at least 1
 * @param gateResults    {@code result.json} files to attest beside the signature; empty for no attestation
 * @param buildContext   recorded in the attestation, e.g. {@code job}, {@code build}, {@code commit}
 * @param attestation    where the gate attestation goes; null for {@link GateAttestation#defaultPath}
 * @param toolVersion    the SecMLOps version, recorded in the attestation
 */
public record SignRequest(Path model, Path signature, Path privateKey, Path publicKey, List<Path> ignorePaths,
        boolean ignoreGitPaths, Method method, long shardSize, int threads, List<Path> gateResults,
        Map<String, String> buildContext, Path attestation, String toolVersion) {

    /** How files become resources. */
    public enum Method {
        /** {@code files}, unless a file is larger than the shard size: then {@code shards}. */
        AUTO,
        /** One digest per file (the reference implementation's default). */
        FILES,
        /** One digest per shard of every file, hashed in parallel. */
        SHARDS
    }

    public SignRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(privateKey, "privateKey");
        ignorePaths = List.copyOf(ignorePaths);
        Objects.requireNonNull(method, "method");
        if (shardSize < 1) {
            throw new IllegalArgumentException("Shard size must be positive: " + shardSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("Threads must be at least 1: " + threads);
        }
        gateResults = List.copyOf(gateResults);
        buildContext = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildContext));
        Objects.requireNonNull(toolVersion, "toolVersion");
    }

    /** The defaults: git paths ignored, FILES method (what the reference verifier accepts), 1 GB shards, one thread per processor, no attestation. */
    public static SignRequest of(Path model, Path signature, Path privateKey) {
        return new SignRequest(model, signature, privateKey, null, List.of(), true, Method.FILES,
                ModelManifest.DEFAULT_SHARD_SIZE, ParallelHasher.defaultThreads(), List.of(), Map.of(), null,
                "development");
    }

    public SignRequest withPublicKey(Path file) {
        return new SignRequest(model, signature, privateKey, file, ignorePaths, ignoreGitPaths, method, shardSize,
                threads, gateResults, buildContext, attestation, toolVersion);
    }

    public SignRequest withIgnorePaths(List<Path> paths) {
        return new SignRequest(model, signature, privateKey, publicKey, paths, ignoreGitPaths, method, shardSize,
                threads, gateResults, buildContext, attestation, toolVersion);
    }

    public SignRequest withMethod(Method newMethod, long newShardSize) {
        return new SignRequest(model, signature, privateKey, publicKey, ignorePaths, ignoreGitPaths, newMethod,
                newShardSize, threads, gateResults, buildContext, attestation, toolVersion);
    }

    public SignRequest withThreads(int count) {
        return new SignRequest(model, signature, privateKey, publicKey, ignorePaths, ignoreGitPaths, method,
                shardSize, count, gateResults, buildContext, attestation, toolVersion);
    }

    public SignRequest withGateAttestation(List<Path> results, Map<String, String> context, Path file) {
        return new SignRequest(model, signature, privateKey, publicKey, ignorePaths, ignoreGitPaths, method,
                shardSize, threads, results, context, file, toolVersion);
    }

    public SignRequest withToolVersion(String version) {
        return new SignRequest(model, signature, privateKey, publicKey, ignorePaths, ignoreGitPaths, method,
                shardSize, threads, gateResults, buildContext, attestation, version);
    }
}
