package io.jenkins.plugins.secmlops;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.sign.SignCapability;

/**
 * {@code signModel path: 'model/', keyFile: env.KEY, signature: 'model.sig'}: signs the model as an
 * OpenSSF Model Signing bundle; with {@code attestGates: true} also signs the results of this build's
 * earlier SecMLOps gates, so that {@code verifyModel requireGates: [...]} can demand them. The key is
 * read from a file (e.g. {@code withCredentials([file(credentialsId: ..., variable: 'KEY')])}) and never
 * reaches a log, report or result.
 */
public class SignModelStep extends GateStep {
    static final String FUNCTION_NAME = "signModel";

    private final String path;
    private final String keyFile;
    private final String signature;
    private boolean attestGates;
    private List<String> ignorePaths = new ArrayList<>();
    private String publicKey;
    private boolean signGitPaths;
    private String method;
    private Long shardSize;
    private Integer threads;
    private String attestation;

    @DataBoundConstructor
    public SignModelStep(String path, String keyFile, String signature) {
        this.path = path;
        this.keyFile = keyFile;
        this.signature = signature;
    }

    public String getPath() {
        return path;
    }

    public String getKeyFile() {
        return keyFile;
    }

    public String getSignature() {
        return signature;
    }

    public boolean isAttestGates() {
        return attestGates;
    }

    @DataBoundSetter
    public void setAttestGates(boolean attestGates) {
        this.attestGates = attestGates;
    }

    public List<String> getIgnorePaths() {
        return List.copyOf(ignorePaths);
    }

    /** Paths inside the model that are not signed (relative to {@code path}). */
    @DataBoundSetter
    public void setIgnorePaths(List<String> ignorePaths) {
        this.ignorePaths = FormLists.split(ignorePaths, FormLists.PATHS);
    }

    public String getPublicKey() {
        return publicKey;
    }

    /** The PEM public key, only needed if the private key file does not embed it. */
    @DataBoundSetter
    public void setPublicKey(String publicKey) {
        this.publicKey = blankToNull(publicKey);
    }

    public boolean isSignGitPaths() {
        return signGitPaths;
    }

    /** Sign {@code .git}, {@code .gitattributes}, {@code .github} and {@code .gitignore} too (left out by default). */
    @DataBoundSetter
    public void setSignGitPaths(boolean signGitPaths) {
        this.signGitPaths = signGitPaths;
    }

    public String getMethod() {
        return method;
    }

    /** {@code files} (default), {@code shards} or {@code auto}: how the model is hashed. */
    @DataBoundSetter
    public void setMethod(String method) {
        this.method = blankToNull(method);
    }

    public Long getShardSize() {
        return shardSize;
    }

    /** Shard size in bytes for the {@code shards} method. */
    @DataBoundSetter
    public void setShardSize(Long shardSize) {
        this.shardSize = shardSize;
    }

    public Integer getThreads() {
        return threads;
    }

    /** Hashing threads (default: the agent's processors). */
    @DataBoundSetter
    public void setThreads(Integer threads) {
        this.threads = threads;
    }

    public String getAttestation() {
        return attestation;
    }

    /** Where the gate attestation goes with {@code attestGates} (default: SIGNATURE.gates.json). */
    @DataBoundSetter
    public void setAttestation(String attestation) {
        this.attestation = blankToNull(attestation);
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Capability capability() {
        return SignCapability.INSTANCE;
    }

    @Override
    public List<String> workerArguments() {
        require(path, "path", "the model file or directory to sign");
        require(keyFile, "keyFile", "the PEM private key file, e.g. from withCredentials");
        require(signature, "signature", "where the signature bundle is written, e.g. 'model.sig'");
        List<String> arguments = new ArrayList<>(List.of("sign", path, "--key", keyFile, "--signature", signature));
        for (String ignored : ignorePaths) {
            arguments.add("--ignore-paths");
            arguments.add(ignored);
        }
        option(arguments, "--public-key", publicKey);
        if (signGitPaths) {
            arguments.add("--no-ignore-git-paths");
        }
        option(arguments, "--method", method);
        option(arguments, "--shard-size", shardSize);
        option(arguments, "--threads", threads);
        option(arguments, "--attestation", attestation);
        return arguments;
    }

    /** With {@code attestGates}, the results of this build's gates and the build context. */
    @Override
    public Map<String, String> workerInputs(StepContext context) throws Exception {
        if (!attestGates) {
            return Map.of();
        }
        Run<?, ?> run = context.get(Run.class);
        Map<String, String> inputs = new LinkedHashMap<>();
        SecMLOpsBuildAction action = run.getAction(SecMLOpsBuildAction.class);
        if (action != null) {
            for (GateRunSummary summary : action.getRuns()) {
                Path result = run.getRootDir().toPath().resolve(ResultStore.FOLDER).resolve(summary.getId())
                        .resolve(ResultStore.RESULT_FILE);
                inputs.put("gates-" + summary.getId() + ".json", Files.readString(result, StandardCharsets.UTF_8));
            }
        }
        return inputs;
    }

    /** The attestation's arguments for the inputs of {@link #workerInputs}. */
    List<String> attestationArguments(Map<String, String> inputs, String build, String commit) {
        List<String> arguments = new ArrayList<>();
        for (String name : inputs.keySet()) {
            arguments.add("--attest-gates");
            arguments.add(WorkerRequest.INPUT_PREFIX + name);
        }
        if (attestGates) {
            arguments.add("--build-context");
            arguments.add("build=" + build);
            if (commit != null && !commit.isBlank()) {
                arguments.add("--build-context");
                arguments.add("commit=" + commit);
            }
        }
        return arguments;
    }

    @Override
    List<String> workerArguments(StepContext context, Map<String, String> inputs) throws Exception {
        List<String> arguments = new ArrayList<>(workerArguments());
        if (attestGates) {
            Run<?, ?> run = context.get(Run.class);
            EnvVars environment = context.get(EnvVars.class);
            String commit = environment == null ? null : environment.get("GIT_COMMIT");
            arguments.addAll(attestationArguments(inputs, run.getExternalizableId(), commit));
        }
        return arguments;
    }

    private static void require(String value, String name, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(FUNCTION_NAME + " needs " + name + ": " + what);
        }
    }

    /** The step's symbol and context. */
    @Extension
    public static class DescriptorImpl extends GateStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Sign a model (SecMLOps, OpenSSF Model Signing)";
        }
    }
}
