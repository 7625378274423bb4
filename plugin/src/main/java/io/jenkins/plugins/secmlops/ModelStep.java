package io.jenkins.plugins.secmlops;

import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every step that loads a model has: the model, on which engine and device it runs, and how its input is
 * preprocessed. The worker validates every value; the options map one to one to the command line's
 * {@code --model}, {@code --engine}, {@code --scale}, ...
 */
public abstract class ModelStep extends GateStep {
    private String model;
    private String engine;
    private String signature;
    private String inputName;
    private String outputName;
    private String inputShape;
    private String device;
    private Integer threads;
    private boolean allowUnsafeModel;
    private String inputRange;
    private String scale;
    private String mean;
    private String std;
    private String layout;
    private String imageSize;
    private String classNames;

    protected ModelStep(String model) {
        this.model = blankToNull(model);
    }

    /** Sets the model of a step where it is optional. */
    protected void setModelPath(String model) {
        this.model = blankToNull(model);
    }

    public String getModel() {
        return model;
    }

    public String getEngine() {
        return engine;
    }

    /** {@code tf}, {@code pytorch} or {@code onnx}; by default from the model file. */
    @DataBoundSetter
    public void setEngine(String engine) {
        this.engine = blankToNull(engine);
    }

    public String getSignature() {
        return signature;
    }

    /** The TensorFlow SavedModel signature to run (default {@code serving_default}). */
    @DataBoundSetter
    public void setSignature(String signature) {
        this.signature = blankToNull(signature);
    }

    public String getInputName() {
        return inputName;
    }

    /** The model input to feed (default: the only or first input). */
    @DataBoundSetter
    public void setInputName(String inputName) {
        this.inputName = blankToNull(inputName);
    }

    public String getOutputName() {
        return outputName;
    }

    /** The model output to read (default: the only or first output). */
    @DataBoundSetter
    public void setOutputName(String outputName) {
        this.outputName = blankToNull(outputName);
    }

    public String getInputShape() {
        return inputShape;
    }

    /** The shape of one sample, {@code D1,D2,...}, where the model does not declare it. */
    @DataBoundSetter
    public void setInputShape(String inputShape) {
        this.inputShape = blankToNull(inputShape);
    }

    public String getDevice() {
        return device;
    }

    /** {@code cpu}, {@code gpu} or {@code auto} (default: the GPU when the engine sees one). */
    @DataBoundSetter
    public void setDevice(String device) {
        this.device = blankToNull(device);
    }

    public Integer getThreads() {
        return threads;
    }

    /** The engine's intra-op threads (default: chosen by the worker when it loads the model). */
    @DataBoundSetter
    public void setThreads(Integer threads) {
        this.threads = threads;
    }

    public boolean isAllowUnsafeModel() {
        return allowUnsafeModel;
    }

    /** Load the model even when the scan finds CRITICAL content. Never set this for models you did not make. */
    @DataBoundSetter
    public void setAllowUnsafeModel(boolean allowUnsafeModel) {
        this.allowUnsafeModel = allowUnsafeModel;
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

    /** {@code NCHW} or {@code NHWC} for image-like samples (a detector's default: {@code NCHW}). */
    @DataBoundSetter
    public void setLayout(String layout) {
        this.layout = blankToNull(layout);
    }

    public String getImageSize() {
        return imageSize;
    }

    /** Resize images to {@code WIDTH,HEIGHT} (a detector's: fit, see {@code letterbox}). */
    @DataBoundSetter
    public void setImageSize(String imageSize) {
        this.imageSize = blankToNull(imageSize);
    }

    public String getClassNames() {
        return classNames;
    }

    /** Class names by index for the report: a comma-separated list, or a workspace file with one name per line. */
    @DataBoundSetter
    public void setClassNames(String classNames) {
        this.classNames = blankToNull(classNames);
    }

    /** Adds the options of loading the model (when there is one): engine, device, threads, names and shape. */
    protected void modelOptions(List<String> arguments) {
        if (model == null) {
            return;
        }
        option(arguments, "--engine", engine);
        option(arguments, "--device", device);
        option(arguments, "--threads", threads);
        if (allowUnsafeModel) {
            arguments.add("--allow-unsafe-model");
        }
        option(arguments, "--signature", signature);
        option(arguments, "--input-name", inputName);
        option(arguments, "--output-name", outputName);
        option(arguments, "--input-shape", inputShape);
    }

    /** Adds the options of preparing the model's input and naming its classes. */
    protected void preprocessingOptions(List<String> arguments) {
        option(arguments, "--class-names", classNames);
        option(arguments, "--image-size", imageSize);
        option(arguments, "--input-range", inputRange);
        option(arguments, "--scale", scale);
        option(arguments, "--mean", mean);
        option(arguments, "--std", std);
        option(arguments, "--layout", layout);
    }
}
