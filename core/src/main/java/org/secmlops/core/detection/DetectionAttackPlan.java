package org.secmlops.core.detection;

import java.util.List;
import java.util.Locale;
import org.secmlops.core.robustness.Corruption;

/**
 * Which attacks and corruptions a detector evaluation runs, on the first {@code images} images.
 *
 * @param attacks         attack ids: {@code fgsm}, {@code pgd} (vanishing), {@code untargeted} (PGD), {@code square}
 *                        (black-box, vanishing), {@code patch} (with its random-patch baseline)
 * @param epsilon         the L∞ budget of fgsm, pgd, untargeted and square, in input units
 * @param steps           PGD iterations
 * @param images          how many images (from the start of the data) are attacked and corrupted, positive
 * @param patchSize       the patch's side relative to the box's width
 * @param patchSteps      the patch's optimisation steps
 * @param patchResolution the patch's texels per side
 * @param squareQueries   model calls per image of the Square attack
 * @param corruptions     corruption ids: the robustness corruptions ({@code noise}, {@code blur},
 *                        {@code brightness}, {@code contrast}, {@code jpeg}, {@code occlusion}) and {@code fog},
 *                        {@code low-light}
 * @param severities      the severities 1..5 of each corruption
 * @param seed            seeds every random choice
 */
public record DetectionAttackPlan(List<String> attacks, float epsilon, int steps, int images, float patchSize,
        int patchSteps, int patchResolution, int squareQueries, List<String> corruptions, List<Integer> severities,
        long seed) {
    /** The attack ids. */
    public static final List<String> ATTACKS = List.of("fgsm", "pgd", "untargeted", "square", "patch");
    /** Nothing: a clean evaluation only. */
    public static final DetectionAttackPlan NONE = new DetectionAttackPlan(List.of(), 8f / 255, 10, 20, 0.5f, 200,
            16, 500, List.of(), List.of(1, 3, 5), 1);

    /** @throws IllegalArgumentException for an unknown attack or corruption, or a value out of range */
    public DetectionAttackPlan {
        attacks = attacks.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        corruptions = corruptions.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        severities = List.copyOf(severities);
        for (String a : attacks) {
            if (!ATTACKS.contains(a)) {
                throw new IllegalArgumentException("Unknown detection attack '" + a + "'; use " + ATTACKS);
            }
        }
        for (String c : corruptions) {
            if (Corruption.find(c) == null && Weather.find(c) == null) {
                throw new IllegalArgumentException("Unknown corruption '" + c + "'; use noise, blur, brightness,"
                        + " contrast, jpeg, occlusion, fog or low-light");
            }
        }
        for (int s : severities) {
            if (s < 1 || s > 5) {
                throw new IllegalArgumentException("Corruption severities are 1..5, not " + s);
            }
        }
        if (!(epsilon > 0) || steps <= 0 || images <= 0 || !(patchSize > 0 && patchSize <= 1) || patchSteps <= 0
                || patchResolution <= 0 || squareQueries <= 0) {
            throw new IllegalArgumentException("Attack settings out of range: ε > 0, steps, images, patch steps,"
                    + " patch resolution and queries positive, patch size in (0, 1]");
        }
    }

    /** Whether anything beyond the clean evaluation runs. */
    public boolean isEmpty() {
        return attacks.isEmpty() && corruptions.isEmpty();
    }

    /** Whether an attack needs the model's gradients. */
    public boolean needsGradients() {
        return attacks.stream().anyMatch(a -> !a.equals("square"));
    }
}
