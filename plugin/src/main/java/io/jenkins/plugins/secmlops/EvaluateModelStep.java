package io.jenkins.plugins.secmlops;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.evaluate.EvaluateCapability;

/**
 * {@code evaluateModel model: 'model/', data: 'test.csv', labelColumn: 'label'}: measures clean accuracy,
 * calibration, latency and throughput of the model on this agent, the baseline every security gate is
 * compared with. The model is scanned before it is loaded; the worker validates every option.
 */
public class EvaluateModelStep extends ShardableStep {
    static final String FUNCTION_NAME = "evaluateModel";

    @DataBoundConstructor
    public EvaluateModelStep(String model, String data) {
        super(model, data);
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Capability capability() {
        return EvaluateCapability.INSTANCE;
    }

    @Override
    public List<String> workerArguments() {
        List<String> arguments = new ArrayList<>(List.of("evaluate"));
        arguments.addAll(modelDataArguments(true));
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
            return "Evaluate a model's accuracy, calibration and speed (SecMLOps)";
        }
    }
}
