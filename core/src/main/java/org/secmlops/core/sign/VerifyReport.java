package org.secmlops.core.sign;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of verifying a model against its signature.
 *
 * @param signature       the signature bundle checked
 * @param keyHint         the hint of the public key used
 * @param bundleKey       how the bundle names its key: {@code hint}, {@code rawBytes}, or empty if unknown
 * @param signatureValid  whether the bundle is a well-formed OMS signature, by this key, whose signature
 *                        verifies
 * @param manifest        the signed manifest if the signature is valid, else {@code null}
 * @param filesVerified   signed files present and unchanged
 * @param filesFailed     files that failed: changed, missing, extra (unless allowed), unsupported, unreadable;
 *                        every file of the model when the signature itself is not valid
 * @param bytesVerified   bytes hashed to verify
 * @param extraAllowed    unsigned files tolerated by {@code allowExtraFiles}
 * @param ignored         files and directories ignored (directories end in {@code /})
 * @param problems        what is wrong, file problems in name order first
 * @param requiredGates   the capabilities required to have passed their gates
 * @param attestedGates   each capability of the gate attestation with its status, when one was checked
 * @param gatesFailed     the required capabilities not attested as PASSED
 */
public record VerifyReport(Path signature, String keyHint, String bundleKey, boolean signatureValid,
        ModelManifest manifest, int filesVerified, int filesFailed, long bytesVerified, List<String> extraAllowed,
        List<String> ignored, List<VerificationProblem> problems, List<String> requiredGates,
        Map<String, String> attestedGates, List<String> gatesFailed) {
    public VerifyReport {
        extraAllowed = List.copyOf(extraAllowed);
        ignored = List.copyOf(ignored);
        problems = List.copyOf(problems);
        requiredGates = List.copyOf(requiredGates);
        attestedGates = Collections.unmodifiableMap(new LinkedHashMap<>(attestedGates));
        gatesFailed = List.copyOf(gatesFailed);
    }

    /** Whether the model verified: valid signature, every file as signed, required gates passed. */
    public boolean verified() {
        return signatureValid && problems.isEmpty();
    }
}
