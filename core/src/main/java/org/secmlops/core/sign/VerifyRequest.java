package org.secmlops.core.sign;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to verify and how.
 *
 * @param model            the model: a file or a directory
 * @param signature        the signature bundle
 * @param publicKey        PEM public key (SubjectPublicKeyInfo) that must have signed it
 * @param ignorePaths      further paths whose unsigned files are not reported as extra (signed files are always
 *                         verified); the bundle's own {@code ignore_paths} and the git paths always apply
 * @param allowExtraFiles  whether files that are not signed are tolerated (the reference's
 *                         {@code --ignore-unsigned-files})
 * @param requiredGates    capabilities whose attested gates must have PASSED, e.g. {@code scan}; empty for none
 * @param gatesAttestation the gate attestation; null for {@link GateAttestation#defaultPath}
 * @param threads          hashing threads, at least 1
 */
public record VerifyRequest(Path model, Path signature, Path publicKey, List<Path> ignorePaths,
        boolean allowExtraFiles, List<String> requiredGates, Path gatesAttestation, int threads) {
    public VerifyRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(publicKey, "publicKey");
        ignorePaths = List.copyOf(ignorePaths);
        requiredGates = GateAttestation.capabilities(requiredGates);
        if (threads < 1) {
            throw new IllegalArgumentException("Threads must be at least 1: " + threads);
        }
    }

    /** The defaults: no extra ignores, extra files fail, no required gates, one thread per processor. */
    public static VerifyRequest of(Path model, Path signature, Path publicKey) {
        return new VerifyRequest(model, signature, publicKey, List.of(), false, List.of(), null,
                ParallelHasher.defaultThreads());
    }

    public VerifyRequest withIgnorePaths(List<Path> paths) {
        return new VerifyRequest(model, signature, publicKey, paths, allowExtraFiles, requiredGates,
                gatesAttestation, threads);
    }

    public VerifyRequest withAllowExtraFiles(boolean allow) {
        return new VerifyRequest(model, signature, publicKey, ignorePaths, allow, requiredGates, gatesAttestation,
                threads);
    }

    public VerifyRequest withRequiredGates(List<String> capabilities, Path attestation) {
        return new VerifyRequest(model, signature, publicKey, ignorePaths, allowExtraFiles, capabilities,
                attestation, threads);
    }

    public VerifyRequest withThreads(int count) {
        return new VerifyRequest(model, signature, publicKey, ignorePaths, allowExtraFiles, requiredGates,
                gatesAttestation, count);
    }
}
