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
public class EvaluateDetectorStep extends ModelStep {
    static final String FUNCTION_NAME = "evaluateDetector";

    private final String data;
    private final String detectionLayout;
    private String images;
    private Integer classes;
    private Double scoreThreshold;
    private Double nmsIou;
    private boolean letterbox;
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

    /**
     * @param model           a TorchScript file, an ONNX file or a SavedModel folder in the workspace
     * @param data            COCO annotations ({@code .json}) or a folder of Pascal VOC XML files
     * @param detectionLayout {@code yolov5}, {@code yolov8} or {@code boxes}
     */
    @DataBoundConstructor
    public EvaluateDetectorStep(String model, String data, String detectionLayout) {
        super(model);
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

    public boolean isLetterbox() {
        return letterbox;
    }

    /** Fit by scaling and padding instead of stretching. */
    @DataBoundSetter
    public void setLetterbox(boolean letterbox) {
        this.letterbox = letterbox;
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

    /** @throws IllegalArgumentException if the model, the data or the layout is missing */
    @Override
    public List<String> workerArguments() {
        if (getModel() == null || data == null || detectionLayout == null) {
            throw new IllegalArgumentException(FUNCTION_NAME + " needs model (the detector), data (COCO JSON or a"
                    + " folder of VOC XML) and detectionLayout (yolov5, yolov8 or boxes)");
        }
        List<String> arguments = new ArrayList<>(List.of("evaluate-detector", "--model", getModel(), "--data", data,
                "--detection-layout", detectionLayout));
        option(arguments, "--images", images);
        option(arguments, "--classes", classes);
        option(arguments, "--score-threshold", scoreThreshold);
        option(arguments, "--nms-iou", nmsIou);
        preprocessingOptions(arguments);
        if (letterbox) {
            arguments.add("--letterbox");
        }
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
        modelOptions(arguments);
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
            return "Evaluate an object detector's accuracy, robustness and speed (SecMLOps)";
        }
    }
}
