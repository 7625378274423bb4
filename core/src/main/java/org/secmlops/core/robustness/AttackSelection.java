package org.secmlops.core.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The attacks and corruptions a run names ({@code --attack fgsm,pgd,noise}): attacks come from the {@link
 * AttackRegistry}, corruptions by their {@link Corruption#id() id}, and {@code corruptions} stands for all of them.
 *
 * <pre>{@code
 * AttackSelection selection = AttackSelection.parse(List.of("fgsm", "pgd", "corruptions"), settings);
 * RobustnessConfig.builder().attacks(selection.attacks()).corruptions(selection.corruptions())
 *         .epsilons(selection.epsilons(null, settings.norm()))...
 * }</pre>
 *
 * @param attacks     the adversarial attacks, in the order named
 * @param corruptions the natural corruptions, in the order named
 */
public record AttackSelection(List<Attack> attacks, List<Corruption> corruptions) {
    /** The attacks a run makes when it names none. */
    public static final List<String> DEFAULT_NAMES = List.of("fgsm", "pgd", "apgd", "square");

    public AttackSelection {
        attacks = List.copyOf(attacks);
        corruptions = List.copyOf(corruptions);
    }

    /**
     * The attacks and corruptions of the names (any case), each attack built with the settings.
     *
     * @throws IllegalArgumentException for a name that is neither an attack nor a corruption, listing the known ones
     */
    public static AttackSelection parse(List<String> names, AttackSettings settings) {
        List<Attack> chosen = new ArrayList<>();
        List<Corruption> corruptions = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.equals("corruptions")) {
                corruptions.addAll(Arrays.asList(Corruption.values()));
                continue;
            }
            Corruption corruption = Corruption.find(name);
            if (corruption != null) {
                corruptions.add(corruption);
                continue;
            }
            if (!AttackRegistry.contains(name)) {
                throw new IllegalArgumentException("Unknown attack '" + raw + "' (known: "
                        + String.join(", ", AttackRegistry.ids()) + ", " + Arrays.stream(Corruption.values())
                        .map(Corruption::id).reduce((a, b) -> a + ", " + b).orElse("") + ", corruptions)");
            }
            chosen.add(AttackRegistry.create(name, settings));
        }
        return new AttackSelection(chosen, corruptions);
    }

    /**
     * The budgets of the attacks: the given ones, else the default of the norm (0.03 for L∞, 0.5 for L2); none
     * without attacks.
     *
     * @param given the budgets the run names, or {@code null}
     */
    public List<Double> epsilons(List<Double> given, Norm norm) {
        if (attacks.isEmpty()) {
            return List.of();
        }
        return given != null ? given : List.of(norm == Norm.LINF ? 0.03 : 0.5);
    }
}
