package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.datacheck.Pca;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.robustness.SampleGeometry;
import org.secmlops.core.robustness.defense.InputTransform;
import org.secmlops.core.robustness.defense.SqueezeDetector;

/**
 * Computes the {@link ReferenceStatistics} in one pass over the reference: every label is counted, a uniform
 * sample of at most {@value #RESERVOIR} preprocessed samples (reservoir sampling, fixed seed) is kept for the
 * percentiles, the PCA, the embedding sample, the model's predictions and the attack calibration, so memory is
 * bounded whatever the reference's size.
 */
final class ReferenceBuilder {
    static final int RESERVOIR = 5_000;
    static final int MMD_SAMPLE = 300;
    static final int DIMENSIONS = 32;
    static final int SQUEEZE_CALIBRATION = 1_000;
    private static final int READ_BATCH = 256;
    private static final long SEED = 20;

    private ReferenceBuilder() {
    }

    static ReferenceStatistics build(SampleSource source, Preprocessing preprocessing, LoadedModel model,
            String digest, int batchSize) throws DatasetException, ModelException {
        return build(source, preprocessing, model, null, digest, batchSize);
    }

    /**
     * The statistics; with a model also the feature-squeezing scores of up to {@value #SQUEEZE_CALIBRATION}
     * reference samples, squeezed as samples of {@code geometry} ({@code null}: flat vectors).
     */
    static ReferenceStatistics build(SampleSource source, Preprocessing preprocessing, LoadedModel model,
            SampleGeometry geometry, String digest, int batchSize) throws DatasetException, ModelException {
        int[] rawShape = source.sampleShape();
        SplittableRandom random = new SplittableRandom(SEED);
        List<float[]> reservoir = new ArrayList<>();
        long[] labelCounts = new long[0];
        long seen = 0;
        for (Batch batch = source.next(READ_BATCH); batch != null; batch = source.next(READ_BATCH)) {
            for (int i = 0; i < batch.size(); i++) {
                int y = batch.labels()[i];
                if (y >= labelCounts.length) {
                    labelCounts = Arrays.copyOf(labelCounts, y + 1);
                }
                labelCounts[y]++;
                seen++;
                if (reservoir.size() < RESERVOIR) {
                    reservoir.add(preprocessing.apply(batch.features()[i], rawShape));
                } else {
                    long slot = random.nextLong(seen);
                    if (slot < RESERVOIR) {
                        reservoir.set((int) slot, preprocessing.apply(batch.features()[i], rawShape));
                    }
                }
            }
        }
        if (reservoir.size() < 2) {
            throw new DatasetException("The reference " + source.description() + " has " + reservoir.size()
                    + " samples; monitoring needs at least 2");
        }
        float[][] rows = reservoir.toArray(float[][]::new);
        int width = rows[0].length;
        float[][] edges = new float[width][];
        double[][] cdf = new double[width][];
        int[][] decile = new int[width][];
        double[][] decileShares = new double[width][];
        float[] column = new float[rows.length];
        for (int j = 0; j < width; j++) {
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][j];
            }
            Arrays.sort(column);
            describe(column, j, edges, cdf, decile, decileShares);
        }

        Pca pca = Pca.fit(rows, Math.min(DIMENSIONS, width), SEED);
        Embedding embedding = new Embedding(toFloats(pca.centre()), toFloats(pca.unitComponents()));
        float[][] embedded = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            embedded[i] = embedding.project(rows[i]);
        }
        int[] sampleIndex = random.ints(0, embedded.length).distinct().limit(Math.min(MMD_SAMPLE, embedded.length))
                .toArray();
        float[][] sample = Arrays.stream(sampleIndex).mapToObj(i -> embedded[i]).toArray(float[][]::new);
        double[] distanceScores = AdversarialInputs.calibrateDistance(embedded, sampleIndex, sample);
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (float[] row : rows) {
            for (float v : row) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        double bandwidth = EmbeddingDrift.medianSquaredDistance(sample);
        double attackThreshold = AttackDetector.calibrate(embedded, SEED);

        double[] classShares;
        double meanConfidence = Double.NaN;
        double[] squeezeScores = new double[0];
        if (model != null) {
            Predictions predictions = new Predictions(new double[0]);
            for (int from = 0; from < rows.length; from += batchSize) {
                float[][] outputs = model.predict(Arrays.copyOfRange(rows, from, Math.min(rows.length,
                        from + batchSize)));
                for (float[] output : outputs) {
                    predictions.add(output, -1);
                }
            }
            classShares = predictions.windowShares();
            meanConfidence = predictions.meanConfidence();
            float[][] calibration = Arrays.copyOf(rows, Math.min(rows.length, SQUEEZE_CALIBRATION));
            squeezeScores = new double[calibration.length];
            List<InputTransform> squeezers = AdversarialInputs.squeezers(low, high, width, geometry);
            for (int from = 0; from < calibration.length; from += batchSize) {
                int to = Math.min(calibration.length, from + batchSize);
                System.arraycopy(SqueezeDetector.scores(model, squeezers, Arrays.copyOfRange(calibration, from, to)),
                        0, squeezeScores, from, to - from);
            }
            Arrays.sort(squeezeScores);
        } else {
            classShares = new double[labelCounts.length];
            for (int c = 0; c < classShares.length; c++) {
                classShares[c] = (double) labelCounts[c] / seen;
            }
        }
        return new ReferenceStatistics(digest, source.description(), seen, width, edges, cdf, decile, decileShares,
                embedding.centre(), embedding.components(), sample, bandwidth, classShares, meanConfidence,
                attackThreshold, low, high, distanceScores, squeezeScores);
    }

    /** Percentile edges, their CDF, the decile bin of every percentile bin and the decile shares of a column. */
    private static void describe(float[] sorted, int j, float[][] edges, double[][] cdf, int[][] decile,
            double[][] decileShares) {
        int n = sorted.length;
        float[] fine = distinctAt(sorted, 100);
        float[] coarse = distinctAt(sorted, 10);
        edges[j] = fine;
        cdf[j] = new double[fine.length];
        for (int b = 0; b < fine.length; b++) {
            cdf[j][b] = (double) upperBound(sorted, fine[b]) / n;
        }
        decile[j] = new int[fine.length + 1];
        for (int b = 0; b <= fine.length; b++) {
            decile[j][b] = b == fine.length ? coarse.length : lowerBound(coarse, fine[b]);
        }
        double[] shares = new double[coarse.length + 1];
        int previous = 0;
        for (int b = 0; b < coarse.length; b++) {
            int upTo = upperBound(sorted, coarse[b]);
            shares[b] = (double) (upTo - previous) / n;
            previous = upTo;
        }
        shares[coarse.length] = (double) (n - previous) / n;
        decileShares[j] = shares;
    }

    /** The distinct values at ranks {@code floor(q n / parts)}, q = 1..parts-1, as the data check cuts deciles. */
    private static float[] distinctAt(float[] sorted, int parts) {
        float[] out = new float[parts - 1];
        int count = 0;
        for (int q = 1; q < parts; q++) {
            int rank = (int) Math.min(sorted.length - 1, Math.floor(q * (double) sorted.length / parts));
            float edge = sorted[rank];
            if (count == 0 || edge > out[count - 1]) {
                out[count++] = edge;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** The number of values ≤ {@code value}. */
    static int upperBound(float[] sorted, float value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of values < {@code value}. */
    static int lowerBound(float[] sorted, float value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static float[][] toFloats(double[][] v) {
        float[][] out = new float[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = toFloats(v[i]);
        }
        return out;
    }
}
