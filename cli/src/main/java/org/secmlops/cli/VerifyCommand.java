package org.secmlops.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.secmlops.core.capability.sign.SignException;
import org.secmlops.core.capability.sign.VerifyCapability;
import org.secmlops.core.sign.ModelVerifier;
import org.secmlops.core.sign.VerifyMeasurement;
import org.secmlops.core.sign.VerifyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code secmlops verify PATH --public-key PUB.pem --signature FILE --report-dir DIR}: verifies a model against
 * its OpenSSF Model Signing bundle; every changed, missing or unsigned file is reported.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a model file or directory against its OpenSSF Model Signing signature (key method),"
                + " e.g. one written by 'secmlops sign' or the reference model_signing.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "Model file or directory to verify.")
    Path path;

    @Option(names = "--public-key", required = true, paramLabel = "PUB.pem",
            description = "ECDSA public key, PEM SubjectPublicKeyInfo ('PUBLIC KEY').")
    Path publicKey;

    @Option(names = "--signature", required = true, paramLabel = "FILE", description = "The signature bundle.")
    Path signature;

    @Option(names = "--ignore-paths", paramLabel = "PATH", split = ",",
            description = "Unsigned files under these paths are not reported as extra (signed files are always"
                    + " verified); repeatable or comma-separated.")
    List<Path> ignorePaths = new ArrayList<>();

    @Option(names = {"--allow-extra-files", "--ignore-unsigned-files"},
            description = "Tolerate files that are not in the signature (they are listed in the report).")
    boolean allowExtraFiles;

    @Option(names = "--require-gates", paramLabel = "CAPABILITY", split = ",",
            description = "Capabilities (e.g. scan,robustness) whose gates the signed gate attestation must show"
                    + " PASSED for this model.")
    List<String> requireGates = new ArrayList<>();

    @Option(names = "--gates-attestation", paramLabel = "FILE",
            description = "The gate attestation (default: SIGNATURE.gates.json).")
    Path gatesAttestation;

    @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: available processors).")
    Integer threads;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        VerifyRequest request = new VerifyRequest(path, signature, publicKey, ignorePaths, allowExtraFiles,
                requireGates, gatesAttestation, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        try {
            progress.line("verifying " + path + " (SecMLOps " + Version.current() + ")");
            return gateOptions.run(VerifyCapability.INSTANCE, path.toString(), progress,
                    gateOptions.plan().input("PATH", path).input("--public-key", publicKey)
                            .input("--signature", signature).input("--gates-attestation", gatesAttestation),
                    () -> VerifyMeasurement.of(new ModelVerifier().verify(request, progress::line)))
                    .code();
        } catch (SignException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}
