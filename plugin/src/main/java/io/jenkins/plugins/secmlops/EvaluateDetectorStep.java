package io.jenkins.plugins.secmlops;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.detection.DetectionCapability;

/**
 * {@code evaluateDetector model: 'detector.pt', data: 'val/annotations.json', detectionLayout: 'yolov5',
 * attacks: ['pgd', 'patch', 'fog']}: measures an object detector's AP, miss rates (clean, under attack, with an
 * adversarial patch, under corruptions), latency and FPS on this agent. The model is scanned before it is loaded; the
 * worker validates every option; each option is the {@code secmlops evaluate-detector} option of the same name.
 */
public class EvaluateDetectorStep extends GateStep {
    static final String FUNCTION_NAME = "evaluateDetector";

    private final String model;
    private final String data;
    private final String detectionLayout;
    private String images;
    private Integer classes;
    private Double scoreThreshold;
    private Double nmsIou;
    private String imageSize;
    private boolean letterbox;
    private String inputRange;
    private String scale;
    private String mean;
    private String std;
    private String layout;
    private String classNames;
    private List<String> attacks = new ArrayList<>();
    private Double eps;
    private Integer steps;
    private Integer attackImages;
    private Double patchSize;
    private Integer patchSteps;
    private Integer patchResolution;
    private Integer queries;
    private List<Integer> severities = new ArrayList<>();
    private Long seed;
    private String engine;
    private String signature;
    private String inputName;
    private String outputName;
    private String inputShape;
    private String device;
    private Integer threads;
    private boolean allowUnsafeModel;

    /**
     * @param model           a TorchScript file, an ONNX file or a SavedModel folder in the workspace
     * @param data            COCO annotations ({@code .json}) or a folder of Pascal VOC XML files
     * @param detectionLayout {@code yolov5}, {@code yolov8} or {@code boxes}
     */
    @DataBoundConstructor
    public EvaluateDetectorStep(String model, String data, String detectionLayout) {
        this.model = blankToNull(model);
        this.data = blankToNull(data);
        this.detectionLayout = blankToNull(detectionLayout);
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Capability capability() {
        return DetectionCapability.INSTANCE;
    }

    public String getModel() {
        return model;
    }

    public String getData() {
        return data;
    }

    public String getDetectionLayout() {
        return detectionLayout;
    }

    public String getImages() {
        return images;
    }

    /** VOC: the images' folder (default: the XML folder's sibling {@code JPEGImages}, else the XML folder). */
    @DataBoundSetter
    public void setImages(String images) {
        this.images = blankToNull(images);
    }

    public Integer getClasses() {
        return classes;
    }

    /** Classes of a yolov5/yolov8 output (default: the data's number of classes). */
    @DataBoundSetter
    public void setClasses(Integer classes) {
        this.classes = classes;
    }

    public Double getScoreThreshold() {
        return scoreThreshold;
    }

    /** The operating score threshold (default 0.25). */
    @DataBoundSetter
    public void setScoreThreshold(Double scoreThreshold) {
        this.scoreThreshold = scoreThreshold;
    }

    public Double getNmsIou() {
        return nmsIou;
    }

    /** The class-wise NMS IoU threshold (default 0.45). */
    @DataBoundSetter
    public void setNmsIou(Double nmsIou) {
        this.nmsIou = nmsIou;
    }

    public String getImageSize() {
        return imageSize;
    }

    /** Fit images to {@code WIDTH,HEIGHT}. */
    @DataBoundSetter
    public void setImageSize(String imageSize) {
        this.imageSize = blankToNull(imageSize);
    }

    public boolean isLetterbox() {
        return letterbox;
    }

    /** Fit by scaling and padding instead of stretching. */
    @DataBoundSetter
    public void setLetterbox(boolean letterbox) {
        this.letterbox = letterbox;
    }

    public String getInputRange() {
        return inputRange;
    }

    @DataBoundSetter
    public void setInputRange(String inputRange) {
        this.inputRange = blankToNull(inputRange);
    }

    public String getScale() {
        return scale;
    }

    @DataBoundSetter
    public void setScale(String scale) {
        this.scale = blankToNull(scale);
    }

    public String getMean() {
        return mean;
    }

    @DataBoundSetter
    public void setMean(String mean) {
        this.mean = blankToNull(mean);
    }

    public String getStd() {
        return std;
    }

    @DataBoundSetter
    public void setStd(String std) {
        this.std = blankToNull(std);
    }

    public String getLayout() {
        return layout;
    }

    /** The model input's layout, {@code NCHW} (default) or {@code NHWC}. */
    @DataBoundSetter
    public void setLayout(String layout) {
        this.layout = blankToNull(layout);
    }

    public String getClassNames() {
        return classNames;
    }

    @DataBoundSetter
    public void setClassNames(String classNames) {
        this.classNames = blankToNull(classNames);
    }

    public List<String> getAttacks() {
        return List.copyOf(attacks);
    }

    /** Attacks ({@code fgsm pgd untargeted square patch}) and corruptions ({@code noise … fog low-light}). */
    @DataBoundSetter
    public void setAttacks(List<String> attacks) {
        this.attacks = FormLists.split(attacks, FormLists.NAMES);
    }

    public Double getEps() {
        return eps;
    }

    @DataBoundSetter
    public void setEps(Double eps) {
        this.eps = eps;
    }

    public Integer getSteps() {
        return steps;
    }

    @DataBoundSetter
    public void setSteps(Integer steps) {
        this.steps = steps;
    }

    public Integer getAttackImages() {
        return attackImages;
    }

    @DataBoundSetter
    public void setAttackImages(Integer attackImages) {
        this.attackImages = attackImages;
    }

    public Double getPatchSize() {
        return patchSize;
    }

    @DataBoundSetter
    public void setPatchSize(Double patchSize) {
        this.patchSize = patchSize;
    }

    public Integer getPatchSteps() {
        return patchSteps;
    }

    @DataBoundSetter
    public void setPatchSteps(Integer patchSteps) {
        this.patchSteps = patchSteps;
    }

    public Integer getPatchResolution() {
        return patchResolution;
    }

    @DataBoundSetter
    public void setPatchResolution(Integer patchResolution) {
        this.patchResolution = patchResolution;
    }

    public Integer getQueries() {
        return queries;
    }

    @DataBoundSetter
    public void setQueries(Integer queries) {
        this.queries = queries;
    }

    public List<Integer> getSeverities() {
        return List.copyOf(severities);
    }

    @DataBoundSetter
    public void setSeverities(List<Integer> severities) {
        this.severities = severities == null ? new ArrayList<>() : new ArrayList<>(severities);
    }

    public Long getSeed() {
        return seed;
    }

    @DataBoundSetter
    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public String getEngine() {
        return engine;
    }

    @DataBoundSetter
    public void setEngine(String engine) {
        this.engine = blankToNull(engine);
    }

    public String getSignature() {
        return signature;
    }

    @DataBoundSetter
    public void setSignature(String signature) {
        this.signature = blankToNull(signature);
    }

    public String getInputName() {
        return inputName;
    }

    @DataBoundSetter
    public void setInputName(String inputName) {
        this.inputName = blankToNull(inputName);
    }

    public String getOutputName() {
        return outputName;
    }

    @DataBoundSetter
    public void setOutputName(String outputName) {
        this.outputName = blankToNull(outputName);
    }

    public String getInputShape() {
        return inputShape;
    }

    @DataBoundSetter
    public void setInputShape(String inputShape) {
        this.inputShape = blankToNull(inputShape);
    }

    public String getDevice() {
        return device;
    }

    @DataBoundSetter
    public void setDevice(String device) {
        this.device = blankToNull(device);
    }

    public Integer getThreads() {
        return threads;
    }

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

    /** @throws IllegalArgumentException if the model, the data or the layout is missing */
    @Override
    public List<String> workerArguments() {
        if (model == null || data == null || detectionLayout == null) {
            throw new IllegalArgumentException(FUNCTION_NAME + " needs model (the detector), data (COCO JSON or a"
                    + " folder of VOC XML) and detectionLayout (yolov5, yolov8 or boxes)");
        }
        List<String> arguments = new ArrayList<>(List.of("evaluate-detector", "--model", model, "--data", data,
                "--detection-layout", detectionLayout));
        option(arguments, "--images", images);
        option(arguments, "--classes", classes);
        option(arguments, "--score-threshold", scoreThreshold);
        option(arguments, "--nms-iou", nmsIou);
        option(arguments, "--image-size", imageSize);
        if (letterbox) {
            arguments.add("--letterbox");
        }
        option(arguments, "--input-range", inputRange);
        option(arguments, "--scale", scale);
        option(arguments, "--mean", mean);
        option(arguments, "--std", std);
        option(arguments, "--layout", layout);
        option(arguments, "--class-names", classNames);
        option(arguments, "--attack", attacks.isEmpty() ? null : String.join(",", attacks));
        option(arguments, "--eps", eps);
        option(arguments, "--steps", steps);
        option(arguments, "--attack-images", attackImages);
        option(arguments, "--patch-size", patchSize);
        option(arguments, "--patch-steps", patchSteps);
        option(arguments, "--patch-resolution", patchResolution);
        option(arguments, "--queries", queries);
        option(arguments, "--severities", severities.isEmpty() ? null
                : severities.stream().map(String::valueOf).collect(Collectors.joining(",")));
        option(arguments, "--seed", seed);
        option(arguments, "--engine", engine);
        option(arguments, "--signature", signature);
        option(arguments, "--input-name", inputName);
        option(arguments, "--output-name", outputName);
        option(arguments, "--input-shape", inputShape);
        option(arguments, "--device", device);
        option(arguments, "--threads", threads);
        if (allowUnsafeModel) {
            arguments.add("--allow-unsafe-model");
        }
        return arguments;
    }

    private static void option(List<String> arguments, String name, Object value) {
        if (value != null) {
            arguments.add(name);
            arguments.add(value.toString());
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
            return "Evaluate an object detector's accuracy, robustness and speed (SecMLOps)";
        }
    }
}
