package io.jenkins.plugins.secmlops;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.scan.ScanCapability;

/**
 * {@code scanModel path: 'model/'}: scans model files for content that runs code or reads files when the
 * model is loaded, and gates the build on the findings (by default: CRITICAL fails, HIGH makes unstable).
 */
public class ScanModelStep extends GateStep {
    static final String FUNCTION_NAME = "scanModel";

    private final String path;
    private String policy;

    @DataBoundConstructor
    public ScanModelStep(String path) {
        this.path = path;
    }

    public String getPath() {
        return path;
    }

    public String getPolicy() {
        return policy;
    }

    /** A JSON policy file in the workspace that extends the default allow/deny lists. */
    @DataBoundSetter
    public void setPolicy(String policy) {
        this.policy = blankToNull(policy);
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Capability capability() {
        return ScanCapability.INSTANCE;
    }

    @Override
    public List<String> workerArguments() {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("scanModel needs a path: the model file or directory to scan");
        }
        List<String> arguments = new ArrayList<>(List.of("scan", path));
        if (policy != null) {
            arguments.add("--policy");
            arguments.add(policy);
        }
        return arguments;
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
            return "Scan model files for unsafe content (SecMLOps)";
        }
    }
}
