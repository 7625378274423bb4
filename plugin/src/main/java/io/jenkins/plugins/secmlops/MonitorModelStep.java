package io.jenkins.plugins.secmlops;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.monitor.MonitorCapability;

/**
 * {@code monitorModel traffic: 'logs/inference.jsonl.gz', reference: 'data/validation.csv', labelColumn: 'label'}:
 * one window of inference traffic against the approved reference data: input, embedding and prediction drift,
 * accuracy where labels arrive, and clients running black-box attack campaigns. Run it from a job on a cron trigger;
 * keep {@code state} and {@code referenceCache} in files the job does not clean.
 */
public class MonitorModelStep extends ModelDataStep {
    static final String FUNCTION_NAME = "monitorModel";

    private final String traffic;
    private String state;
    private String referenceCache;
    private Double adversarialFpr;
    private String baselineResult;

    @DataBoundConstructor
    public MonitorModelStep(String traffic, String reference) {
        super(null, reference);
        this.traffic = blankToNull(traffic);
    }

    public String getTraffic() {
        return traffic;
    }

    public String getReference() {
        return getData();
    }

    /** Optional: computes the outputs the log lacks and the reference's predictions and confidence. */
    @DataBoundSetter
    public void setModel(String model) {
        setModelPath(model);
    }

    public String getState() {
        return state;
    }

    /** A workspace file that carries the attack detector's per-client buffers from one window to the next. */
    @DataBoundSetter
    public void setState(String state) {
        this.state = blankToNull(state);
    }

    public String getReferenceCache() {
        return referenceCache;
    }

    /** A workspace file that keeps the reference statistics, so that a window does not re-read the reference. */
    @DataBoundSetter
    public void setReferenceCache(String referenceCache) {
        this.referenceCache = blankToNull(referenceCache);
    }

    public Double getAdversarialFpr() {
        return adversarialFpr;
    }

    /** The false-positive rate the adversarial-input scores are calibrated to (default 0.01). */
    @DataBoundSetter
    public void setAdversarialFpr(Double adversarialFpr) {
        this.adversarialFpr = adversarialFpr;
    }

    public String getBaselineResult() {
        return baselineResult;
    }

    /** An evaluateModel result.json whose accuracy and mean confidence are the baseline. */
    @DataBoundSetter
    public void setBaselineResult(String baselineResult) {
        this.baselineResult = blankToNull(baselineResult);
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Capability capability() {
        boolean model = getModel() != null;
        return MonitorCapability.forRun(model, model);
    }

    @Override
    protected String dataOption() {
        return "--reference";
    }

    @Override
    public List<String> workerArguments() {
        if (traffic == null) {
            throw new IllegalArgumentException(FUNCTION_NAME + " needs traffic: the window's traffic log");
        }
        List<String> arguments = new ArrayList<>(List.of("monitor", "--traffic", traffic));
        arguments.addAll(modelDataArguments(false));
        option(arguments, "--state", state);
        option(arguments, "--reference-cache", referenceCache);
        option(arguments, "--adversarial-fpr", adversarialFpr);
        option(arguments, "--baseline-result", baselineResult);
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
            return "Monitor a deployed model's traffic for drift and attacks (SecMLOps)";
        }
    }
}
