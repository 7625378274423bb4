package org.secmlops.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.detection.DetectionAttackPlan;
import org.secmlops.core.detection.DetectionDataSpec;
import org.secmlops.core.detection.DetectionLayout;
import org.secmlops.core.detection.DetectionRequest;
import org.secmlops.core.detection.DetectionRun;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.run.Measurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code secmlops evaluate-detector --model PATH --data ANNOTATIONS --detection-layout yolov5 --report-dir DIR}:
 * AP, miss rates clean, under attack, with a patch and under corruptions, latency and FPS of an object detector.
 */
@Command(name = "evaluate-detector", mixinStandardHelpOptions = true,
        description = "Evaluate an object detector (TorchScript, ONNX or SavedModel) on annotated images (COCO JSON or"
                + " a folder of Pascal VOC XML): AP@0.5, AP@[.5:.95], miss rate and log-average miss rate, latency"
                + " and FPS; with --attack also its miss rate under attacks on detectors (vanishing FGSM/PGD,"
                + " untargeted PGD, black-box Square, an adversarial patch against a random one) and natural"
                + " corruptions. The model is scanned first; CRITICAL findings refuse the load.")
final class DetectionCommand implements Callable<Integer> {
    private static final List<String> CORRUPTIONS = List.of("noise", "blur", "brightness", "contrast", "jpeg",
            "occlusion", "fog", "low-light");

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = ".pt/.torchscript file, .onnx file or SavedModel directory.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "COCO annotations (.json; images' file_name relative to its folder) or a folder of Pascal"
                    + " VOC .xml files.")
    Path data;

    @Option(names = "--images", paramLabel = "DIR", description = "VOC: the images' folder (default: the XML folder's"
            + " sibling JPEGImages, else the XML folder).")
    Path images;

    @Option(names = "--detection-layout", required = true, paramLabel = "yolov5|yolov8|boxes",
            description = "The model's output: yolov5 [N,K,5+C] (cx,cy,w,h,objectness,C class probabilities),"
                    + " yolov8 [N,4+C,K], boxes [N,M,6] after NMS (x1,y1,x2,y2,score,class); pixels of the input.")
    String detectionLayout;

    @Option(names = "--classes", paramLabel = "C", defaultValue = "0",
            description = "Classes C of a yolov5/yolov8 output (default: the data's number of classes).")
    int classes;

    @Option(names = "--score-threshold", paramLabel = "S", defaultValue = "0.25",
            description = "Operating score threshold for precision, recall and miss rates (default 0.25).")
    float scoreThreshold;

    @Option(names = "--nms-iou", paramLabel = "T", defaultValue = "0.45",
            description = "Class-wise NMS IoU threshold for yolov5/yolov8 outputs (default 0.45).")
    float nmsIou;

    @Option(names = "--image-size", paramLabel = "WIDTH,HEIGHT", split = ",",
            description = "Fit images to this size (default: their own, all equal).")
    List<Integer> imageSize;

    @Option(names = "--letterbox", description = "Fit by scaling and padding with gray 114 (keeping the aspect ratio)"
            + " instead of stretching.")
    boolean letterbox;

    @Mixin
    PreprocessingOptions preprocessing;

    @Option(names = "--class-names", paramLabel = "NAMES|FILE", converter = ClassNamesOption.class,
            description = "Class names by index for the report (default: the annotations').")
    ClassNames classNames = ClassNames.NONE;

    @Option(names = "--attack", paramLabel = "NAME[,NAME...]", split = ",",
            description = "Attacks (fgsm, pgd, untargeted, square, patch) and corruptions (noise, blur, brightness,"
                    + " contrast, jpeg, occlusion, fog, low-light, or 'corruptions' for all). Default: none.")
    List<String> attacks = List.of();

    @Option(names = "--eps", paramLabel = "E", defaultValue = "0.0313725",
            description = "L∞ budget of fgsm, pgd, untargeted and square in model-input units (default 8/255).")
    float eps;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "PGD steps (default 10).")
    int steps;

    @Option(names = "--attack-images", paramLabel = "N", defaultValue = "20",
            description = "Attack and corrupt the first N images (default 20).")
    int attackImages;

    @Option(names = "--patch-size", paramLabel = "R", defaultValue = "0.5",
            description = "The patch's side relative to the box's width (default 0.5).")
    float patchSize;

    @Option(names = "--patch-steps", paramLabel = "N", defaultValue = "200",
            description = "Optimisation steps of the patch (default 200).")
    int patchSteps;

    @Option(names = "--patch-resolution", paramLabel = "N", defaultValue = "16",
            description = "Texels per side of the patch (default 16).")
    int patchResolution;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "500",
            description = "Model calls per image of the Square attack (default 500).")
    int queries;

    @Option(names = "--severities", paramLabel = "S[,S...]", split = ",", defaultValue = "1,3,5",
            description = "Corruption severities 1..5 (default 1,3,5).")
    List<Integer> severities;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of every random choice; the same seed gives identical results.")
    long seed;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        DetectionRequest request = request();
        progress.line("evaluating the detector " + model + " on " + data + " (SecMLOps " + Version.current() + ")");
        return gateOptions.run(DetectionCapability.INSTANCE, model.toString(), progress,
                gateOptions.plan().input("--model", model).input("--data", data).input("--images", images),
                () -> evaluate(request, progress)).code();
    }

    /** The flags as a request; {@link IllegalArgumentException} for a bad value. */
    DetectionRequest request() {
        DetectionDataSpec spec = DetectionDataSpec.of(data).withImages(images)
                .withClassNames(classNames.names());
        if (imageSize != null) {
            if (imageSize.size() != 2) {
                throw new IllegalArgumentException("--image-size is WIDTH,HEIGHT");
            }
            spec = spec.withImageSize(imageSize.get(0), imageSize.get(1), letterbox);
        } else if (letterbox) {
            throw new IllegalArgumentException("--letterbox needs --image-size");
        }
        List<String> attackIds = new ArrayList<>();
        List<String> corruptionIds = new ArrayList<>();
        for (String name : attacks) {
            String id = name.trim().toLowerCase(java.util.Locale.ROOT);
            if (id.equals("corruptions")) {
                corruptionIds.addAll(CORRUPTIONS);
            } else if (DetectionAttackPlan.ATTACKS.contains(id)) {
                attackIds.add(id);
            } else {
                corruptionIds.add(id);
            }
        }
        DetectionAttackPlan plan = new DetectionAttackPlan(attackIds, eps, steps, attackImages, patchSize, patchSteps,
                patchResolution, queries, corruptionIds, severities, seed);
        return DetectionRequest.builder(modelOptions.modelSpec(model), spec, DetectionLayout.parse(detectionLayout))
                .preprocessing(preprocessing.preprocessingSpec())
                .classes(classes).scoreThreshold(scoreThreshold).nmsIou(nmsIou).attacks(plan).classNames(classNames)
                .build();
    }

    private static Measurement evaluate(DetectionRequest request, Progress progress) throws InputException {
        try {
            return DetectionRun.run(request, progress::line);
        } catch (ModelException | DatasetException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}
