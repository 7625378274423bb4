package org.secmlops.core.datacheck;

import java.util.List;
import java.util.Locale;

/**
 * Targeted relabelling, the label side of a BadNets-style backdoor: many samples of one class {@code s} carried into
 * one class {@code t}. Samples that a label detector flags with suggestion {@code s} while labelled {@code t} are
 * counted per ordered class pair; natural confusion and random label noise run both ways, a targeted attack one way.
 * A pair is flagged when its count is at least {@value #MIN_COUNT} and at least 2% of class {@code t}, and at least
 * {@value #RATIO} times the count of the reverse pair plus one. Its samples are flagged, and so is every other
 * sample labelled {@code t} whose most or second most probable class is {@code s}, more probable than {@code t}:
 * the pair is already established, so a sample needs less evidence of its own, and a relabelled sample of {@code s}
 * often looks most like a class that {@code s} is confused with (a sneaker like a sandal or an ankle boot).
 */
final class TargetedRelabelling {
    static final String ID = "targeted-relabelling";
    static final int MIN_COUNT = 8;
    static final double RATIO = 10;
    static final double MIN_SHARE = 0.02;

    private TargetedRelabelling() {
    }

    static DetectorResult detect(int[] labels, int classes, List<DetectorResult> labelDetectors) {
        return detect(labels, classes, labelDetectors, null, "the label detectors");
    }

    /**
     * @param probabilities out-of-sample class probabilities per sample, or {@code null}
     * @param source        what the label detectors and probabilities are, for the method line
     */
    static DetectorResult detect(int[] labels, int classes, List<DetectorResult> labelDetectors,
            float[][] probabilities, String source) {
        int n = labels.length;
        int[] suggestion = DetectorResult.none(n);
        double[] evidence = new double[n];
        for (DetectorResult d : labelDetectors) {
            for (int i = 0; i < n; i++) {
                if (d.flagged()[i] && suggestion[i] < 0 && d.suggested()[i] >= 0) {
                    suggestion[i] = d.suggested()[i];
                }
                evidence[i] = Math.max(evidence[i], d.scores()[i]);
            }
        }
        int[][] pairs = new int[classes][Math.max(classes, 1)];
        int[] size = new int[classes];
        for (int i = 0; i < n; i++) {
            size[labels[i]]++;
            if (suggestion[i] >= 0 && suggestion[i] < classes) {
                pairs[labels[i]][suggestion[i]]++;
            }
        }
        boolean[][] targeted = new boolean[classes][classes];
        StringBuilder found = new StringBuilder();
        for (int t = 0; t < classes; t++) {
            for (int s = 0; s < classes; s++) {
                int count = pairs[t][s];
                if (s != t && count >= MIN_COUNT && count >= MIN_SHARE * size[t]
                        && count >= RATIO * (pairs[s][t] + 1)) {
                    targeted[t][s] = true;
                    found.append(found.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                            "%d samples of class %d look like class %d (%d the other way)", count, t, s, pairs[s][t]));
                }
            }
        }
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        int[] suggested = DetectorResult.none(n);
        for (int i = 0; i < n; i++) {
            int s = suggestion[i];
            if (s < 0 && probabilities != null) {
                s = likelySource(probabilities[i], labels[i], targeted[labels[i]]);
            }
            if (s >= 0 && s < classes && targeted[labels[i]][s]) {
                flagged[i] = true;
                scores[i] = Math.max(evidence[i], 0.5);
                suggested[i] = s;
            }
        }
        return new DetectorResult(ID, String.format(Locale.ROOT, "label issues (%s) concentrated one way between two"
                + " classes (at least %d and 2%% of the class, %.0f x the reverse), and the samples of such a pair"
                + " whose source class ranks first or second, above their label; flagged: %s", source, MIN_COUNT,
                RATIO, found.length() == 0 ? "none" : found), scores, flagged, suggested);
    }

    /**
     * The source class of a targeted pair into {@code label} that ranks first or second in {@code p} and above
     * {@code label}, or -1.
     */
    static int likelySource(float[] p, int label, boolean[] sources) {
        int first = -1;
        int second = -1;
        for (int c = 0; c < p.length; c++) {
            if (first < 0 || p[c] > p[first]) {
                second = first;
                first = c;
            } else if (second < 0 || p[c] > p[second]) {
                second = c;
            }
        }
        for (int s : new int[] {first, second}) {
            if (s >= 0 && s != label && sources[s] && p[s] > p[label]) {
                return s;
            }
        }
        return -1;
    }
}
