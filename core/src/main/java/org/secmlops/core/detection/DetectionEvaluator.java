package org.secmlops.core.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.run.Cancellation;

/**
 * Runs a detector over every image of a source, one image per call as a camera feeds it (the first image once
 * untimed to warm the engine up), and keeps each image's detections and time.
 */
public final class DetectionEvaluator {
    private static final int READ_AHEAD = 8;
    private final Consumer<String> progress;

    public DetectionEvaluator(Consumer<String> progress) {
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
    }

    /**
     * @throws DatasetException when the source holds no image or an image cannot be read
     * @throws ModelException   when the model fails or its output does not fit the layout
     */
    public CleanEvaluation evaluate(Detector detector, DetectionSource source) throws DatasetException,
            ModelException {
        List<ImageDetections> images = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        boolean warm = false;
        for (List<DetectionSample> batch = source.next(READ_AHEAD); !batch.isEmpty();
                batch = source.next(READ_AHEAD)) {
            for (DetectionSample sample : batch) {
                Cancellation.check();
                float[] input = detector.input(sample);
                if (!warm) {
                    detector.detect(input);
                    warm = true;
                }
                long start = System.nanoTime();
                List<Box> detections = detector.detect(input);
                latencies.add((System.nanoTime() - start) / 1e6);
                images.add(new ImageDetections(sample.id(), sample.truths(), detections));
                if (images.size() % 100 == 0) {
                    progress.accept("detected on " + images.size() + " images");
                }
            }
        }
        if (images.isEmpty()) {
            throw new DatasetException(source.description() + " holds no images");
        }
        return new CleanEvaluation(images, latencies);
    }
}
