package org.secmlops.core.datacheck;

import java.util.Locale;

/**
 * The backdoor verdict: a sample is a backdoor suspect when both backdoor detectors agree, that is when activation
 * clustering puts it into a small, well-separated cluster of its class and its spectral signature score lies above
 * the spectral threshold. Either detector alone also flags single odd samples of clean classes; together they
 * flag groups that move together, as samples sharing a trigger do. Samples of a one-way relabelling between two
 * classes ({@link TargetedRelabelling}) are backdoor suspects too. The score is the geometric mean of the two
 * detectors' scores, or the relabelling score when higher.
 */
final class Backdoors {
    static final String ID = "backdoor";

    private Backdoors() {
    }

    static DetectorResult combine(DetectorResult spectral, DetectorResult clustering) {
        int n = spectral.scores().length;
        return combine(spectral, clustering, new DetectorResult(TargetedRelabelling.ID, "none", new double[n],
                new boolean[n], DetectorResult.none(n)));
    }

    static DetectorResult combine(DetectorResult spectral, DetectorResult clustering, DetectorResult targeted) {
        int n = spectral.scores().length;
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = Math.max(Math.sqrt(spectral.scores()[i] * clustering.scores()[i]), targeted.scores()[i]);
            flagged[i] = spectral.flagged()[i] && clustering.flagged()[i] || targeted.flagged()[i];
        }
        return new DetectorResult(ID, String.format(Locale.ROOT, "flagged by both %s and %s, or by %s",
                SpectralSignatures.ID, ActivationClustering.ID, TargetedRelabelling.ID), scores, flagged,
                DetectorResult.none(n));
    }
}
