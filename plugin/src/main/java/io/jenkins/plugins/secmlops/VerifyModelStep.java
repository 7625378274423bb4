package io.jenkins.plugins.secmlops;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.sign.VerifyCapability;

/**
 * {@code verifyModel path: 'model/', publicKey: 'keys/release.pub', signature: 'model.sig'}: verifies the
 * model against its OpenSSF Model Signing bundle and fails the build on any changed, missing or unsigned
 * file, wrong key or bad signature. {@code trustedKey: 'release'} names a key of the global configuration
 * instead of a file; {@code requireGates: ['scan']} also demands a signed gate attestation showing those
 * gates passed.
 */
public class VerifyModelStep extends GateStep {
    static final String FUNCTION_NAME = "verifyModel";
    static final String TRUSTED_KEY_INPUT = "trusted-key.pem";

    private final String path;
    private final String signature;
    private String publicKey;
    private String trustedKey;
    private List<String> ignorePaths = new ArrayList<>();
    private boolean allowExtraFiles;
    private String gatesAttestation;
    private Integer threads;
    private List<String> requireGates = new ArrayList<>();
    private transient TrustedKeys trustedKeys = name -> new JenkinsFacade().configuration().trustedKey(name);

    /** Looks up trusted keys by name. */
    interface TrustedKeys {
        java.util.Optional<String> find(String name);
    }

    @DataBoundConstructor
    public VerifyModelStep(String path, String signature) {
        this.path = path;
        this.signature = signature;
    }

    void setTrustedKeys(TrustedKeys trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    public String getPath() {
        return path;
    }

    public String getSignature() {
        return signature;
    }

    public String getPublicKey() {
        return publicKey;
    }

    /** The PEM public key file in the workspace. */
    @DataBoundSetter
    public void setPublicKey(String publicKey) {
        this.publicKey = blankToNull(publicKey);
    }

    public String getTrustedKey() {
        return trustedKey;
    }

    /** The name of a trusted key of the global configuration. */
    @DataBoundSetter
    public void setTrustedKey(String trustedKey) {
        this.trustedKey = blankToNull(trustedKey);
    }

    public List<String> getIgnorePaths() {
        return List.copyOf(ignorePaths);
    }

    @DataBoundSetter
    public void setIgnorePaths(List<String> ignorePaths) {
        this.ignorePaths = FormLists.split(ignorePaths, FormLists.PATHS);
    }

    public boolean isAllowExtraFiles() {
        return allowExtraFiles;
    }

    /** Accept files in the model that the signature does not cover (they are still listed). */
    @DataBoundSetter
    public void setAllowExtraFiles(boolean allowExtraFiles) {
        this.allowExtraFiles = allowExtraFiles;
    }

    public List<String> getRequireGates() {
        return List.copyOf(requireGates);
    }

    /** Capabilities (e.g. {@code scan}) whose signed gate attestation must show PASSED. */
    @DataBoundSetter
    public void setRequireGates(List<String> requireGates) {
        this.requireGates = FormLists.split(requireGates, FormLists.NAMES);
    }

    public String getGatesAttestation() {
        return gatesAttestation;
    }

    /** The gate attestation that {@code requireGates} reads (default: SIGNATURE.gates.json). */
    @DataBoundSetter
    public void setGatesAttestation(String gatesAttestation) {
        this.gatesAttestation = blankToNull(gatesAttestation);
    }

    public Integer getThreads() {
        return threads;
    }

    /** Hashing threads (default: the agent's processors). */
    @DataBoundSetter
    public void setThreads(Integer threads) {
        this.threads = threads;
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Capability capability() {
        return VerifyCapability.INSTANCE;
    }

    @Override
    public List<String> workerArguments() {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(FUNCTION_NAME + " needs path: the model file or directory to verify");
        }
        if (signature == null || signature.isBlank()) {
            throw new IllegalArgumentException(FUNCTION_NAME + " needs signature: the signature bundle, e.g. 'model.sig'");
        }
        if ((publicKey == null) == (trustedKey == null)) {
            throw new IllegalArgumentException(FUNCTION_NAME
                    + " needs exactly one of publicKey (a PEM file in the workspace) or trustedKey (a key name"
                    + " from the global configuration)");
        }
        List<String> arguments = new ArrayList<>(List.of("verify", path, "--signature", signature, "--public-key",
                publicKey != null ? publicKey : WorkerRequest.INPUT_PREFIX + TRUSTED_KEY_INPUT));
        for (String ignored : ignorePaths) {
            arguments.add("--ignore-paths");
            arguments.add(ignored);
        }
        if (allowExtraFiles) {
            arguments.add("--allow-extra-files");
        }
        for (String capability : requireGates) {
            arguments.add("--require-gates");
            arguments.add(capability);
        }
        option(arguments, "--gates-attestation", gatesAttestation);
        option(arguments, "--threads", threads);
        return arguments;
    }

    @Override
    public Map<String, String> workerInputs(StepContext context) {
        if (trustedKey == null) {
            return Map.of();
        }
        String pem = trustedKeys.find(trustedKey).orElseThrow(() -> new IllegalArgumentException(FUNCTION_NAME
                + ": no trusted key named '" + trustedKey + "' on the global configuration page"));
        return Map.of(TRUSTED_KEY_INPUT, pem);
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
            return "Verify a model's signature (SecMLOps, OpenSSF Model Signing)";
        }
    }
}
