package org.secmlops.core.robustness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every adversarial attack by its id ({@code fgsm}, {@code pgd}, ...), built from {@link AttackSettings}: adding an
 * attack is one class and one line here; the command line, the Pipeline step and the reports take it from here.
 */
public final class AttackRegistry {
    private static final Map<String, Function<AttackSettings, Attack>> ATTACKS = new LinkedHashMap<>();

    static {
        register("fgsm", s -> new Fgsm(s.norm()));
        register("pgd", s -> new Pgd(s.norm(), s.steps(), s.stepSizeRatio(), s.randomStart(), s.restarts()));
        register("apgd", s -> new Apgd(s.norm(), s.steps(), s.randomStart(), s.restarts()));
        register("square", s -> new SquareAttack(s.norm(), s.queries()));
        register("spsa", s -> new Spsa(s.norm(), s.queries(), s.spsaSamples(), s.stepSizeRatio()));
    }

    private AttackRegistry() {
    }

    private static void register(String id, Function<AttackSettings, Attack> factory) {
        ATTACKS.put(id, factory);
    }

    /** The ids of all attacks, in the order they are listed to users. */
    public static List<String> ids() {
        return List.copyOf(ATTACKS.keySet());
    }

    /** Whether an attack has this id (case-insensitive). */
    public static boolean contains(String id) {
        return ATTACKS.containsKey(id.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The attack with this id (case-insensitive), configured by the settings.
     *
     * @throws IllegalArgumentException naming the known attacks when there is none with this id
     */
    public static Attack create(String id, AttackSettings settings) {
        Function<AttackSettings, Attack> factory = ATTACKS.get(id.trim().toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("Unknown attack '" + id + "' (known: " + String.join(", ", ids()) + ")");
        }
        return factory.apply(settings);
    }
}
