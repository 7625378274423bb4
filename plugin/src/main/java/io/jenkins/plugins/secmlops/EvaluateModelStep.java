package io.jenkins.plugins.secmlops;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.evaluate.EvaluateCapability;
import org.secmlops.core.gate.Capability;

/**
 * {@code evaluateModel model: 'model/', data: 'test.csv', labelColumn: 'label'}: measures clean accuracy,
 * calibration, latency and throughput of the model on this agent, the baseline every security gate is
 * compared with. The model is scanned before it is loaded; the worker validates every option.
 */
public class EvaluateModelStep extends GateStep {
    static final String FUNCTION_NAME = "evaluateModel";

    private final String model;
    private final String data;
    private String labelColumn;
    private String labels;
    private String engine;
    private String inputRange;
    private String scale;
    private String mean;
    private String std;
    private String layout;
    private Integer batchSize;
    private String device;
    private boolean allowUnsafeModel;

    @DataBoundConstructor
    public EvaluateModelStep(String model, String data) {
        this.model = model;
        this.data = data;
    }

    public String getModel() {
        return model;
    }

    public String getData() {
        return data;
    }

    public String getLabelColumn() {
        return labelColumn;
    }

    /** The label column of CSV/TSV data, by name or zero-based index. */
    @DataBoundSetter
    public void setLabelColumn(String labelColumn) {
        this.labelColumn = blankToNull(labelColumn);
    }

    public String getLabels() {
        return labels;
    }

    /** The label file of IDX or {@code .npy} data. */
    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = blankToNull(labels);
    }

    public String getEngine() {
        return engine;
    }

    /** {@code tf}, {@code pytorch} or {@code onnx}; by default from the model file. */
    @DataBoundSetter
    public void setEngine(String engine) {
        this.engine = blankToNull(engine);
    }

    public String getInputRange() {
        return inputRange;
    }

    /** The valid input range after preprocessing, e.g. {@code '0,1'}. */
    @DataBoundSetter
    public void setInputRange(String inputRange) {
        this.inputRange = blankToNull(inputRange);
    }

    public String getScale() {
        return scale;
    }

    /** Multiplies raw values, e.g. {@code '0.00392156862745098'} for 8-bit pixels. */
    @DataBoundSetter
    public void setScale(String scale) {
        this.scale = blankToNull(scale);
    }

    public String getMean() {
        return mean;
    }

    /** Subtracted per channel after scaling, e.g. {@code '0.485,0.456,0.406'}. */
    @DataBoundSetter
    public void setMean(String mean) {
        this.mean = blankToNull(mean);
    }

    public String getStd() {
        return std;
    }

    /** Divides per channel after the mean, e.g. {@code '0.229,0.224,0.225'}. */
    @DataBoundSetter
    public void setStd(String std) {
        this.std = blankToNull(std);
    }

    public String getLayout() {
        return layout;
    }

    /** {@code NCHW} or {@code NHWC} for image-like samples. */
    @DataBoundSetter
    public void setLayout(String layout) {
        this.layout = blankToNull(layout);
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    @DataBoundSetter
    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public String getDevice() {
        return device;
    }

    /** {@code cpu}, {@code gpu} or {@code auto} (default: the GPU when the engine sees one). */
    @DataBoundSetter
    public void setDevice(String device) {
        this.device = blankToNull(device);
    }

    public boolean isAllowUnsafeModel() {
        return allowUnsafeModel;
    }

    /** Load the model even when the scan finds CRITICAL content. Never set this for models you did not make. */
    @DataBoundSetter
    public void setAllowUnsafeModel(boolean allowUnsafeModel) {
        this.allowUnsafeModel = allowUnsafeModel;
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
        if (model == null || model.isBlank() || data == null || data.isBlank()) {
            throw new IllegalArgumentException(FUNCTION_NAME + " needs model (the model file or SavedModel folder)"
                    + " and data (the evaluation dataset)");
        }
        List<String> arguments = new ArrayList<>(List.of("evaluate", "--model", model, "--data", data));
        option(arguments, "--label-column", labelColumn);
        option(arguments, "--labels", labels);
        option(arguments, "--engine", engine);
        option(arguments, "--input-range", inputRange);
        option(arguments, "--scale", scale);
        option(arguments, "--mean", mean);
        option(arguments, "--std", std);
        option(arguments, "--layout", layout);
        option(arguments, "--batch-size", batchSize == null ? null : batchSize.toString());
        option(arguments, "--device", device);
        if (allowUnsafeModel) {
            arguments.add("--allow-unsafe-model");
        }
        return arguments;
    }

    private static void option(List<String> arguments, String name, String value) {
        if (value != null) {
            arguments.add(name);
            arguments.add(value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
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
