package org.secmlops.core.datacheck;

import java.util.Locale;

/**
 * The backdoor verdict: a sample is a backdoor suspect when both backdoor detectors agree, that is when activation
 * clustering puts it into a small, well-separated cluster of its class and its spectral signature score lies above
 * the spectral threshold. Either detector alone also flags single odd samples of clean classes; together they
 * flag groups that move together, as samples sharing a trigger do. Samples of a one-way relabelling between two
 * classes ({@link TargetedRelabelling}), groups that share a trigger patch ({@link TriggerPatches}) and clean-label
 * poison ({@link CleanLabelPoison}) are backdoor suspects too; their suggested labels are the backdoor verdict's.
 * The score is the geometric mean of the two detectors' scores, or the highest of the others' when higher.
 */
final class Backdoors {
    static final String ID = "backdoor";

    private Backdoors() {
    }

    /**
     * The consensus of spectral signatures and activation clustering, or any of the detectors that flag a backdoor
     * alone; a sample's suggested label is that of the first of those that flags it.
     */
    static DetectorResult combine(DetectorResult spectral, DetectorResult clustering, DetectorResult... alone) {
        int n = spectral.scores().length;
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        int[] suggested = DetectorResult.none(n);
        for (int i = 0; i < n; i++) {
            scores[i] = Math.sqrt(spectral.scores()[i] * clustering.scores()[i]);
            flagged[i] = spectral.flagged()[i] && clustering.flagged()[i];
            for (DetectorResult d : alone) {
                scores[i] = Math.max(scores[i], d.scores()[i]);
                if (d.flagged()[i]) {
                    suggested[i] = flagged[i] || suggested[i] >= 0 ? suggested[i] : d.suggested()[i];
                    flagged[i] = true;
                }
            }
        }
        StringBuilder method = new StringBuilder(String.format(Locale.ROOT, "flagged by both %s and %s",
                SpectralSignatures.ID, ActivationClustering.ID));
        for (DetectorResult d : alone) {
            method.append(", or by ").append(d.detector());
        }
        return new DetectorResult(ID, method.toString(), scores, flagged, suggested);
    }
}
