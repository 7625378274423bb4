package org.secmlops.core.robustness.defense;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.SampleGeometry;

/**
 * A defense as written on the command line or in a Jenkinsfile, checked when parsed:
 * {@code none}, {@code bit-depth:BITS} (1..8), {@code median:SIZE} (odd, ≥ 3), {@code jpeg:QUALITY} (1..100),
 * {@code noise:SIGMA} (a fraction of the valid range, (0, 1]), {@code smoothing:SIGMA[,n=VOTES]} (randomized
 * smoothing: the majority vote over VOTES noisy copies, default 32, 1..1000) and
 * {@code squeeze-detector[:fpr=RATE|threshold=SCORE][,bits=BITS][,median=SIZE]} (defaults: a threshold calibrated
 * to fpr 0.05, 4 bits, 3 × 3 median on images).
 *
 * @param text       the specification as written
 * @param name       the defense's name
 * @param parameters its parameters by name (a single bare value is named {@code value})
 */
public record DefenseSpec(String text, String name, Map<String, Double> parameters) {
    /** The defense names, for messages and documentation. */
    public static final List<String> NAMES = List.of("none", "bit-depth", "median", "jpeg", "noise", "smoothing",
            "squeeze-detector");

    public DefenseSpec {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses and checks one specification.
     *
     * @throws IllegalArgumentException naming what is wrong: an unknown defense, a missing or malformed value, a value
     *                                  out of its range
     */
    public static DefenseSpec parse(String text) {
        String trimmed = Objects.requireNonNull(text, "text").trim().toLowerCase(Locale.ROOT);
        int colon = trimmed.indexOf(':');
        String name = colon < 0 ? trimmed : trimmed.substring(0, colon);
        String rest = colon < 0 ? "" : trimmed.substring(colon + 1);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown defense '" + text + "'; known: " + String.join(", ", NAMES));
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        if (!rest.isEmpty()) {
            for (String part : rest.split(",", -1)) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? "value" : part.substring(0, eq).trim();
                parameters.put(key, number(text, eq < 0 ? part : part.substring(eq + 1)));
            }
        }
        DefenseSpec spec = new DefenseSpec(trimmed, name, parameters);
        spec.check();
        return spec;
    }

    private static double number(String text, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("defense '" + text + "': '" + value + "' is not a number");
    }

    private void check() {
        switch (name) {
            case "none" -> allow();
            case "bit-depth" -> range(integer(required()), 1, 8, "bit depth");
            case "median" -> oddWindow(integer(required()));
            case "jpeg" -> range(integer(required()), 1, 100, "JPEG quality");
            case "smoothing" -> {
                allow("value", "n");
                double sigma = required();
                if (!(sigma > 0 && sigma <= 1)) {
                    throw bad("smoothing sigma must be in (0, 1] (a fraction of the valid range)");
                }
                range(integer(parameters.getOrDefault("n", 32.0)), 1, 1000, "the number of votes n");
            }
            case "noise" -> {
                allow("value");
                double sigma = required();
                if (!(sigma > 0 && sigma <= 1)) {
                    throw bad("noise sigma must be in (0, 1] (a fraction of the valid range)");
                }
            }
            default -> {
                allow("fpr", "threshold", "bits", "median");
                if (parameters.containsKey("fpr") && parameters.containsKey("threshold")) {
                    throw bad("give fpr or threshold, not both");
                }
                if (parameters.getOrDefault("threshold", 0.0) < 0) {
                    throw bad("the threshold is an L1 distance between predictions and must not be negative");
                }
                double fpr = parameters.getOrDefault("fpr", 0.05);
                if (!(fpr > 0 && fpr < 0.5)) {
                    throw bad("the false-positive rate fpr must be in (0, 0.5)");
                }
                range(integer(parameters.getOrDefault("bits", 4.0)), 1, 8, "bit depth");
                oddWindow(integer(parameters.getOrDefault("median", 3.0)));
            }
        }
    }

    private void allow(String... keys) {
        for (String key : parameters.keySet()) {
            if (!List.of(keys).contains(key)) {
                throw bad(keys.length == 0 ? "takes no parameters" : "unknown parameter '" + key + "'; known: "
                        + String.join(", ", keys));
            }
        }
    }

    private double required() {
        if (!"squeeze-detector".equals(name) && !"smoothing".equals(name)) {
            allow("value");
        }
        Double value = parameters.get("value");
        if (value == null) {
            throw bad("needs a value, e.g. " + name + ":" + switch (name) {
                case "bit-depth" -> "3";
                case "median" -> "3";
                case "jpeg" -> "75";
                default -> "0.1";
            });
        }
        return value;
    }

    private int integer(double value) {
        if (value != Math.rint(value)) {
            throw bad(value + " is not a whole number");
        }
        return (int) value;
    }

    private void range(int value, int low, int high, String what) {
        if (value < low || value > high) {
            throw bad(what + " must be " + low + ".." + high + ", was " + value);
        }
    }

    private void oddWindow(int size) {
        if (size < 3 || size % 2 == 0) {
            throw bad("the median window must be odd and at least 3, was " + size);
        }
    }

    private IllegalArgumentException bad(String why) {
        return new IllegalArgumentException("defense '" + text + "': " + why);
    }

    /**
     * The defense for samples of this range and geometry.
     *
     * @throws IllegalArgumentException when the samples cannot take it: an image defense on flat vectors, bit-depth
     *                                  reduction without a finite range
     */
    public Defense create(InputBounds bounds, SampleGeometry geometry) {
        try {
            return switch (name) {
                case "none" -> new Defense.None();
                case "bit-depth" -> new Defense.Transform(text, new BitDepthReduction(
                        (int) (double) parameters.get("value"), bounds));
                case "median" -> new Defense.Transform(text, new MedianFilter(
                        (int) (double) parameters.get("value"), geometry));
                case "jpeg" -> new Defense.Transform(text, new JpegCompression(
                        (int) (double) parameters.get("value"), geometry, bounds));
                case "noise" -> new Defense.Transform(text, new GaussianNoise(parameters.get("value"), bounds));
                case "smoothing" -> new Defense.Smoothing(text, new GaussianNoise(parameters.get("value"), bounds),
                        (int) (double) parameters.getOrDefault("n", 32.0));
                default -> detector(bounds, geometry);
            };
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private Defense detector(InputBounds bounds, SampleGeometry geometry) {
        List<InputTransform> squeezers = new ArrayList<>();
        squeezers.add(new BitDepthReduction((int) (double) parameters.getOrDefault("bits", 4.0), bounds));
        if (geometry.imageLike()) {
            squeezers.add(new MedianFilter((int) (double) parameters.getOrDefault("median", 3.0), geometry));
        }
        return new Defense.Detector(text, squeezers, parameters.getOrDefault("fpr", 0.05),
                parameters.get("threshold"));
    }
}
