package org.secmlops.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.capability.sign.SignException;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.sign.GateAttestation;
import org.secmlops.core.sign.ModelManifest;
import org.secmlops.core.sign.ModelSigner;
import org.secmlops.core.sign.SignMeasurement;
import org.secmlops.core.sign.SignRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code secmlops sign PATH --key KEY.pem --signature FILE --report-dir DIR}: signs a model in the OpenSSF
 * Model Signing format (key method), optionally with an attestation of its gate results.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a model file or directory (OpenSSF Model Signing v1.0, ECDSA key): a Sigstore bundle"
                + " over the SHA-256 of every file, verifiable with this tool or the reference model_signing.")
final class SignCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "Model file or directory to sign.")
    Path path;

    @Option(names = "--key", required = true, paramLabel = "KEY.pem",
            description = "ECDSA P-256/P-384/P-521 private key, PEM (PKCS#8 or SEC1 'EC PRIVATE KEY'). Never logged.")
    Path key;

    @Option(names = "--public-key", paramLabel = "PUB.pem",
            description = "The public key, only needed if the private key file does not embed it.")
    Path publicKey;

    @Option(names = "--signature", required = true, paramLabel = "FILE",
            description = "Where the signature bundle is written, e.g. model.sig (left out of the model if inside).")
    Path signature;

    @Option(names = "--ignore-paths", paramLabel = "PATH", split = ",",
            description = "Paths left out of the signature (relative to the working directory or the model root);"
                    + " repeatable or comma-separated. Recorded in the signature.")
    List<Path> ignorePaths = new ArrayList<>();

    @Option(names = "--no-ignore-git-paths", description = "Sign .git, .gitattributes, .github and .gitignore too.")
    boolean signGitPaths;

    @Option(names = "--method", paramLabel = "files|shards|auto", defaultValue = "files",
            converter = MethodConverter.class,
            description = "files (default, verifies with the reference implementation): one digest per file,"
                    + " files hashed in parallel; shards: per shard of --shard-size bytes, so one large file is"
                    + " hashed on all cores (spec-conformant, not accepted by the reference verifier);"
                    + " auto: files unless a file is larger than the shard size.")
    SignRequest.Method method;

    @Option(names = "--shard-size", paramLabel = "BYTES", defaultValue = "" + ModelManifest.DEFAULT_SHARD_SIZE,
            description = "Shard size for the shards method (default: ${DEFAULT-VALUE}).")
    long shardSize;

    @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: available processors).")
    Integer threads;

    @Option(names = "--attest-gates", paramLabel = "RESULT.json", split = ",",
            description = "Gate results (result.json of scan, robustness, ...) to sign as a gate attestation beside"
                    + " the signature; repeatable or comma-separated.")
    List<Path> attestGates = new ArrayList<>();

    @Option(names = "--attestation", paramLabel = "FILE",
            description = "Where the gate attestation goes (default: SIGNATURE.gates.json).")
    Path attestation;

    @Option(names = "--build-context", paramLabel = "KEY=VALUE",
            description = "Recorded in the gate attestation, e.g. job=..., build=..., commit=...; repeatable.")
    Map<String, String> buildContext = new LinkedHashMap<>();

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        if (attestGates.isEmpty() && (!buildContext.isEmpty() || attestation != null)) {
            throw new IllegalArgumentException("--build-context and --attestation need --attest-gates");
        }
        for (Path output : new Path[] {signature, attestation}) {
            if (output != null && ReportWriter.isReportFile(gateOptions.reportDir, output)) {
                throw new IllegalArgumentException(output + " is where the report goes; choose another path for the"
                        + " signature or its attestation");
            }
        }
        SignRequest request = new SignRequest(path, signature, key, publicKey, ignorePaths, !signGitPaths, method,
                shardSize, threads == null ? Runtime.getRuntime().availableProcessors() : threads, attestGates,
                buildContext, attestation, Version.current());
        try {
            progress.line("signing " + path + " (SecMLOps " + Version.current() + ")");
            SafeOutput.Plan plan = gateOptions.plan().input("PATH", path).input("--key", key)
                    .input("--public-key", publicKey)
                    .output("--signature", signature, ModelSigner.SIGNATURE_KIND);
            for (Path result : attestGates) {
                plan.input("--attest-gates", result);
            }
            if (!attestGates.isEmpty()) {
                plan.output("--attestation", attestation != null ? attestation
                        : GateAttestation.defaultPath(signature), ModelSigner.SIGNATURE_KIND);
            }
            return gateOptions.run(SignCapability.INSTANCE, path.toString(), progress, plan,
                    () -> SignMeasurement.of(new ModelSigner().sign(request, progress::line))).code();
        } catch (SignException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** Parses {@code auto}, {@code files} or {@code shards}, in any case. */
    static final class MethodConverter implements picocli.CommandLine.ITypeConverter<SignRequest.Method> {
        @Override
        public SignRequest.Method convert(String value) {
            try {
                return SignRequest.Method.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("method '" + value
                        + "' is not auto, files or shards");
            }
        }
    }
}
