package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.secmlops.core.capability.monitor.FlaggedInput;
import org.secmlops.core.capability.monitor.MonitorReport;
import org.secmlops.core.report.chart.Thumbnails;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.SampleGeometry;
import org.secmlops.core.robustness.defense.BitDepthReduction;
import org.secmlops.core.robustness.defense.InputTransform;
import org.secmlops.core.robustness.defense.MedianFilter;
import org.secmlops.core.robustness.defense.SqueezeDetector;

/**
 * Per-request adversarial-input scores, each with a threshold calibrated on the reference to a false-positive
 * rate: the distance to the training data (the mean distance of the input's PCA embedding to its {@value
 * #NEIGHBOURS} nearest reference embeddings) and, with a model, feature squeezing (Xu, Evans and Qi, NDSS 2018: the
 * largest L1 distance between the model's probabilities on the input and on its {@value #SQUEEZE_BITS}-bit and,
 * for images, {@value #MEDIAN}×{@value #MEDIAN} median-filtered copies; {@link SqueezeDetector}). With both, each is
 * calibrated to half the rate, so that clean traffic is flagged at about the rate asked for. A request above either
 * threshold is flagged. When the inputs are images, the first {@value MonitorReport#FLAGGED_INPUTS_PICTURED} flagged
 * ones keep a small picture (at most {@value #PICTURE_SIDE} pixels a side, values from the reference's smallest to
 * largest), so memory stays bounded whatever the window's length.
 */
final class AdversarialInputs {
    static final int NEIGHBOURS = 5;
    static final int SQUEEZE_BITS = 4;
    static final int MEDIAN = 3;
    static final int PICTURE_SIDE = 64;
    private static final int CALIBRATION = 2_000;

    private final float[][] sample;
    private final double fpr;
    private final double distanceThreshold;
    private final double squeezeThreshold;
    private final SampleGeometry images;
    private final float low;
    private final float high;
    private int pictured;
    private final List<FlaggedInput> examples = new ArrayList<>();
    private long flagged;

    AdversarialInputs(ReferenceStatistics reference, double fpr, boolean squeezing) {
        this(reference, fpr, squeezing, null);
    }

    /** @param geometry how an input maps onto an image, or {@code null}; flagged inputs get pictures when image-like */
    AdversarialInputs(ReferenceStatistics reference, double fpr, boolean squeezing, SampleGeometry geometry) {
        this.images = geometry != null && geometry.imageLike() && geometry.size() == reference.width() ? geometry
                : null;
        this.low = reference.inputLow();
        this.high = reference.inputHigh();
        this.sample = reference.embeddingSample();
        this.fpr = fpr;
        boolean both = squeezing && reference.squeezeScores().length > 0;
        double each = both ? fpr / 2 : fpr;
        distanceThreshold = SqueezeDetector.thresholdAt(reference.distanceScores(), each);
        squeezeThreshold = both ? SqueezeDetector.thresholdAt(reference.squeezeScores(), each) : Double.NaN;
    }

    double fpr() {
        return fpr;
    }

    double distanceThreshold() {
        return distanceThreshold;
    }

    /** {@code NaN} without a model. */
    double squeezeThreshold() {
        return squeezeThreshold;
    }

    long flagged() {
        return flagged;
    }

    List<FlaggedInput> examples() {
        return examples;
    }

    /**
     * Scores one request; the flagged input, or {@code null} when both scores are within their thresholds.
     *
     * @param squeezeScore its feature-squeezing score, {@code NaN} without a model
     */
    FlaggedInput observe(TrafficRecord record, float[] embedded, double squeezeScore) {
        double distance = meanNearestDistance(sample, embedded, -1);
        boolean squeezed = !Double.isNaN(squeezeThreshold) && squeezeScore > squeezeThreshold;
        if (distance <= distanceThreshold && !squeezed) {
            return null;
        }
        flagged++;
        String picture = null;
        if (images != null && pictured < MonitorReport.FLAGGED_INPUTS_PICTURED) {
            pictured++;
            picture = Thumbnails.of(record.input(), images.height(), images.width(), images.channels(),
                    images.channelsFirst(), low, high, PICTURE_SIDE);
        }
        FlaggedInput input = new FlaggedInput(record.line(), record.client(), record.timestamp(), distance,
                squeezeScore, picture);
        if (examples.size() < MonitorReport.FLAGGED_INPUTS_LISTED) {
            examples.add(input);
        }
        return input;
    }

    /** The mean distance to the {@value #NEIGHBOURS} nearest rows, leaving out row {@code skip} (or none: -1). */
    static double meanNearestDistance(float[][] rows, float[] query, int skip) {
        int k = Math.min(NEIGHBOURS, rows.length - (skip >= 0 ? 1 : 0));
        double[] nearest = new double[k];
        Arrays.fill(nearest, Double.MAX_VALUE);
        for (int r = 0; r < rows.length; r++) {
            if (r == skip) {
                continue;
            }
            double s = Embedding.squaredDistance(rows[r], query);
            if (s < nearest[k - 1]) {
                int i = k - 1;
                while (i > 0 && nearest[i - 1] > s) {
                    nearest[i] = nearest[i - 1];
                    i--;
                }
                nearest[i] = s;
            }
        }
        double sum = 0;
        for (double d : nearest) {
            sum += Math.sqrt(d);
        }
        return sum / k;
    }

    /**
     * The distance scores of up to {@value #CALIBRATION} reference embeddings outside the sample against it (or, when
     * the sample holds them all, of each sample row against the others), ascending.
     */
    static double[] calibrateDistance(float[][] embedded, int[] sampleIndex, float[][] sample) {
        boolean[] inSample = new boolean[embedded.length];
        for (int i : sampleIndex) {
            inSample[i] = true;
        }
        int[] others = new SplittableRandom(23).ints(0, embedded.length).filter(i -> !inSample[i]).distinct()
                .limit(Math.min(CALIBRATION, embedded.length - sampleIndex.length)).toArray();
        double[] scores;
        if (others.length == 0) {
            scores = new double[sample.length];
            for (int i = 0; i < sample.length; i++) {
                scores[i] = meanNearestDistance(sample, sample[i], i);
            }
        } else {
            scores = new double[others.length];
            for (int i = 0; i < others.length; i++) {
                scores[i] = meanNearestDistance(sample, embedded[others[i]], -1);
            }
        }
        Arrays.sort(scores);
        return scores;
    }

    /** The squeezers for inputs in {@code [low, high]} shaped as {@code geometry} ({@code null}: flat vectors). */
    static List<InputTransform> squeezers(float low, float high, int width, SampleGeometry geometry) {
        List<InputTransform> out = new ArrayList<>();
        if (high > low) {
            out.add(new BitDepthReduction(SQUEEZE_BITS, InputBounds.uniform(width, low, high)));
        }
        if (geometry != null && geometry.imageLike() && geometry.height() >= MEDIAN && geometry.width() >= MEDIAN) {
            out.add(new MedianFilter(MEDIAN, geometry));
        }
        return out;
    }
}
