package org.secmlops.core.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.capability.detection.DetectionReport;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Layout;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelRuntime;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.report.ClassNames;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/**
 * The detection capability end to end: opens the annotated images, scans and loads the detector, measures it on
 * every image, then runs the plan's attacks and corruptions on the first images.
 *
 * <pre>{@code
 * GateRunResult result = new GateRunner(DetectionCapability.INSTANCE, version)
 *         .run(model.toString(), gates, () -> DetectionRun.run(request, log::println));
 * }</pre>
 */
public final class DetectionRun {
    private DetectionRun() {
    }

    /**
     * Runs the request.
     *
     * @return the metrics and details of {@link DetectionCapability}
     * @throws DatasetException when the data cannot be read, holds no ground-truth box, or does not fit the model
     * @throws ModelException   when the model is refused by its scan, cannot be loaded, fails, or its output does not
     *                          fit the layout
     */
    public static Measurement run(DetectionRequest request, Consumer<String> progress)
            throws DatasetException, ModelException {
        DetectionSource source = DetectionDatasets.open(request.data());
        progress.accept("data: " + source.description());
        int classes = request.classes() > 0 ? request.classes() : Math.max(1, source.classNames().size());
        DetectionDecoder decoder = DetectionDecoder.of(request.layout(), classes)
                .withThresholds(request.scoreThreshold(), request.nmsIou());
        Preprocessing preprocessing = request.preprocessing().preprocessing(source.description(), true);
        if (preprocessing.layout() == null) {
            preprocessing = preprocessing.withLayout(Layout.NCHW);
        }
        int[] rawShape = source.sampleShape();
        int[] shape = preprocessing.shape(rawShape);
        ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress), progress);
        try (LoadedModel loaded = loader.load(request.model().withSampleShapeIfNone(shape))) {
            Detector detector = new Detector(loaded, preprocessing, decoder, rawShape);
            progress.accept("decoding " + decoder.describe());
            CleanEvaluation clean = new DetectionEvaluator(progress).evaluate(detector, source);
            DetectionScores scores = DetectionScores.of(clean.images(), decoder.scoreThreshold());
            if (scores.truths() == 0) {
                throw new DatasetException(source.description() + " holds no ground-truth box to measure against");
            }
            progress.accept(String.format(Locale.ROOT, "%d images: AP@0.5 %.4f, AP@[.5:.95] %.4f, miss rate %.4f,"
                            + " MR-2 %.4f, p95 %.2f ms/image, %.1f images/s on %s %s", clean.images().size(),
                    scores.ap50(), scores.ap(), scores.missRate(), scores.logAverageMissRate(),
                    clean.latencyPercentile(0.95), clean.framesPerSecond(), loaded.engineName(), loaded.device()));
            DetectionReport report = new DetectionReport(clean.images().size(), scores.truths(), scores.ap50(),
                    scores.ap(), scores.precision(), scores.recall(), scores.missRate(), scores.logAverageMissRate(),
                    clean.latencyPercentile(0.5), clean.latencyPercentile(0.95), clean.framesPerSecond(),
                    decoder.describe(), decoder.scoreThreshold(), loaded.engineName(), loaded.device(),
                    scores.perClass(), List.of(), List.of());
            DetectionRobustness.Outcome outcome = null;
            if (!request.attacks().isEmpty()) {
                DetectionSource again = DetectionDatasets.open(request.data());
                List<DetectionSample> subset = new ArrayList<>(again.next(request.attacks().images()));
                if (subset.stream().allMatch(s -> s.truths().isEmpty())) {
                    throw new DatasetException("The first " + subset.size() + " images hold no ground-truth box to"
                            + " attack; choose more with --attack-images");
                }
                progress.accept("attacks and corruptions on the first " + subset.size() + " images");
                outcome = new DetectionRobustness(request.attacks(), progress).run(detector, subset);
                report = report.withAttacks(outcome.attacks()).withCorruptions(outcome.corruptions());
            }
            ClassNames names = request.classNames().isEmpty() ? new ClassNames(source.classNames())
                    : request.classNames();
            return DetectionMeasurement.of(report, outcome == null ? java.util.Map.of() : outcome.metrics(),
                    request.model().path().toString(), request.data().path().toString(), names)
                    .withDetail(ModelRuntime.DETAILS_KEY, Json.mapper().valueToTree(ModelRuntime.of(loaded)));
        }
    }
}
