package org.secmlops.core.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.secmlops.core.capability.detection.DetectionAttackRow;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.capability.detection.DetectionCorruptionRow;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.run.Cancellation;
import org.secmlops.core.robustness.Corruption;

/**
 * Runs a plan's attacks and corruptions on a few images and measures the miss rate under each, against the clean
 * miss rate of the same images (the row {@code clean}).
 */
public final class DetectionRobustness {
    private final DetectionAttackPlan plan;
    private final Consumer<String> progress;

    public DetectionRobustness(DetectionAttackPlan plan, Consumer<String> progress) {
        this.plan = java.util.Objects.requireNonNull(plan, "plan");
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
    }

    /**
     * The attacks' and corruptions' rows and their gate metrics ({@code ROBUST_MISS_RATE}, {@code PATCH_MISS_RATE},
     * {@code RANDOM_PATCH_MISS_RATE}, {@code CORRUPTION_MISS_RATE}) for the ones that ran.
     *
     * @param images the images attacked, with their ground truth
     * @throws ModelException when the model fails, or an attack needs gradients the engine does not give
     */
    public Outcome run(Detector detector, List<DetectionSample> images) throws ModelException {
        if (plan.needsGradients() && !detector.supportsGradients()) {
            throw new ModelException(detector.model().engineName() + " gives no gradients, which the attacks "
                    + plan.attacks().stream().filter(a -> !a.equals("square")).toList() + " need; use square"
                    + " (black-box) with this engine, or a TorchScript or SavedModel export of the detector");
        }
        List<DetectionAttackRow> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        rows.add(measure(detector, images, new Clean()));
        double worst = Double.NaN;
        for (String id : plan.attacks()) {
            if (id.equals("patch")) {
                long start = System.nanoTime();
                AdversarialPatch patch = AdversarialPatch.optimise(detector, images, plan.patchResolution(),
                        plan.patchSize(), plan.patchSteps(), 8f, new SplittableRandom(plan.seed()));
                double seconds = (System.nanoTime() - start) / 1e9;
                DetectionAttackRow adversarial = measure(detector, images, patch);
                rows.add(new DetectionAttackRow(adversarial.attack(), adversarial.description(),
                        adversarial.missRate(), adversarial.recall(), adversarial.falsePositivesPerImage(),
                        adversarial.images(), adversarial.seconds() + seconds));
                DetectionAttackRow random = measure(detector, images, AdversarialPatch.random(plan.patchResolution(),
                        plan.patchSize(), new SplittableRandom(plan.seed() + 1)));
                rows.add(random);
                metrics.put(DetectionCapability.PATCH_MISS_RATE, adversarial.missRate());
                metrics.put(DetectionCapability.RANDOM_PATCH_MISS_RATE, random.missRate());
                continue;
            }
            DetectionAttack attack = switch (id) {
                case "fgsm" -> DetectionPgd.vanishingFgsm(plan.epsilon());
                case "pgd" -> DetectionPgd.vanishing(plan.epsilon(), plan.steps());
                case "untargeted" -> DetectionPgd.untargeted(plan.epsilon(), plan.steps());
                default -> new DetectionSquare(plan.epsilon(), plan.squareQueries());
            };
            DetectionAttackRow row = measure(detector, images, attack);
            rows.add(row);
            worst = Double.isNaN(worst) ? row.missRate() : Math.max(worst, row.missRate());
        }
        if (!Double.isNaN(worst)) {
            metrics.put(DetectionCapability.ROBUST_MISS_RATE, worst);
        }
        List<DetectionCorruptionRow> corruptions = new ArrayList<>();
        for (String id : plan.corruptions()) {
            for (int severity : plan.severities()) {
                corruptions.add(corrupt(detector, images, id, severity));
            }
        }
        if (!corruptions.isEmpty()) {
            metrics.put(DetectionCapability.CORRUPTION_MISS_RATE,
                    corruptions.stream().mapToDouble(DetectionCorruptionRow::missRate).average().orElse(0));
        }
        return new Outcome(rows, corruptions, metrics);
    }

    /** The rows and metrics of a run. */
    public record Outcome(List<DetectionAttackRow> attacks, List<DetectionCorruptionRow> corruptions,
            Map<String, Double> metrics) {
        public Outcome {
            attacks = List.copyOf(attacks);
            corruptions = List.copyOf(corruptions);
            metrics = Map.copyOf(metrics);
        }
    }

    private DetectionAttackRow measure(Detector detector, List<DetectionSample> images, DetectionAttack attack)
            throws ModelException {
        SplittableRandom random = new SplittableRandom(plan.seed() + 17);
        long start = System.nanoTime();
        List<ImageDetections> detected = new ArrayList<>();
        for (DetectionSample sample : images) {
            Cancellation.check();
            float[] input = attack.perturb(detector, sample, detector.input(sample), random);
            detected.add(new ImageDetections(sample.id(), sample.truths(), detector.detect(input)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        DetectionScores scores = DetectionScores.of(detected, detector.decoder().scoreThreshold());
        progress.accept(String.format(java.util.Locale.ROOT, "%s (%s): miss rate %.4f on %d images in %.1f s",
                attack.id(), attack.describe(), scores.missRate(), images.size(), seconds));
        return new DetectionAttackRow(attack.id(), attack.describe(), scores.missRate(), scores.recall(),
                scores.falsePositivesPerImage(), images.size(), seconds);
    }

    private DetectionCorruptionRow corrupt(Detector detector, List<DetectionSample> images, String id, int severity)
            throws ModelException {
        SplittableRandom random = new SplittableRandom(plan.seed() + 31L * severity + id.hashCode());
        Corruption corruption = Corruption.find(id);
        Weather weather = corruption == null ? Weather.find(id) : null;
        List<ImageDetections> detected = new ArrayList<>();
        for (DetectionSample sample : images) {
            Cancellation.check();
            float[] input = corruption != null
                    ? corruption.apply(detector.input(sample), severity, detector.geometry(), detector.bounds(), random)
                    : detector.input(sample.withPixels(weather.apply(sample.pixels(), sample.width(), sample.height(),
                            severity, random)));
            detected.add(new ImageDetections(sample.id(), sample.truths(), detector.detect(input)));
        }
        DetectionScores scores = DetectionScores.of(detected, detector.decoder().scoreThreshold());
        String name = corruption != null ? corruption.id() : weather.id();
        progress.accept(String.format(java.util.Locale.ROOT, "%s severity %d: miss rate %.4f, AP@0.5 %.4f", name,
                severity, scores.missRate(), scores.ap50()));
        return new DetectionCorruptionRow(name, severity, scores.missRate(), scores.ap50());
    }

    /** No attack: the clean images of the subset. */
    private static final class Clean implements DetectionAttack {
        @Override
        public String id() {
            return "clean";
        }

        @Override
        public String describe() {
            return "no attack (the attacked images, clean)";
        }

        @Override
        public float[] perturb(Detector detector, DetectionSample sample, float[] input, SplittableRandom random) {
            return input;
        }
    }
}
