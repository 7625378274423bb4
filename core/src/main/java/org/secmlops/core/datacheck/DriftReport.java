package org.secmlops.core.datacheck;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.data.DatasetException;

/**
 * Per-feature drift of a data set against a trusted reference, and the drift of the label distribution.
 *
 * @param reference   what the reference is
 * @param maxPsi      the largest feature PSI
 * @param labelPsi    PSI of the class shares (each class a bin)
 * @param driftedFeatures features with PSI above 0.25
 * @param top         the most drifted features, by PSI (at most {@value #TOP})
 */
public record DriftReport(String reference, double maxPsi, double labelPsi, int driftedFeatures,
        List<FeatureDrift> top) {
    static final int TOP = 20;
    static final double MAJOR = DataCheckCapability.MAJOR_DRIFT_PSI;

    public DriftReport {
        top = List.copyOf(top);
    }

    /**
     * Compares every feature of the data with the reference.
     *
     * @throws DatasetException when the two have different numbers of features
     */
    static DriftReport compare(DataTable reference, DataTable data) throws DatasetException {
        if (reference.width() != data.width()) {
            throw new DatasetException("The reference " + reference.description() + " has " + reference.width()
                    + " features per sample, the data " + data.width());
        }
        List<FeatureDrift> all = IntStream.range(0, data.width()).parallel()
                .mapToObj(j -> FeatureDrift.of(j, data.featureName(j), column(reference.features(), j), column(data.features(), j)))
                .sorted(Comparator.comparingDouble(FeatureDrift::psi).reversed()
                        .thenComparingInt(FeatureDrift::feature))
                .toList();
        int classes = Math.max(reference.classes(), data.classes());
        double labelPsi = 0;
        double[] e = shares(reference.labels(), classes);
        double[] a = shares(data.labels(), classes);
        for (int c = 0; c < classes; c++) {
            double ei = Math.max(e[c], 1e-4);
            double ai = Math.max(a[c], 1e-4);
            labelPsi += (ai - ei) * Math.log(ai / ei);
        }
        int drifted = (int) all.stream().filter(f -> f.psi() > MAJOR).count();
        return new DriftReport(reference.description(), all.isEmpty() ? 0 : all.get(0).psi(), labelPsi, drifted,
                all.subList(0, Math.min(TOP, all.size())));
    }

    private static float[] column(FeatureMatrix x, int j) {
        float[] out = new float[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.value(i, j);
        }
        return out;
    }

    static double[] shares(int[] labels, int classes) {
        double[] share = new double[classes];
        for (int y : labels) {
            share[y] += 1.0 / labels.length;
        }
        return share;
    }
}
