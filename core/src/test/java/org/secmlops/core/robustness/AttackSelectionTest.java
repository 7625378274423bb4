package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackSelectionTest {
    private static final AttackSettings SETTINGS = new AttackSettings(Norm.L2, 10, 0.25, true, 1, 100, 32);

    @Test
    void shouldSplitNamesIntoAttacksAndCorruptionsInTheirOrder() {
        AttackSelection selection = AttackSelection.parse(List.of(" PGD", "blur", "fgsm", "noise"), SETTINGS);

        assertThat(selection.attacks()).extracting(Attack::name).containsExactly("pgd", "fgsm");
        assertThat(selection.corruptions()).containsExactly(Corruption.find("blur"), Corruption.find("noise"));
        assertThat(AttackSelection.parse(List.of("corruptions"), SETTINGS).corruptions())
                .containsExactly(Corruption.values());
    }

    @Test
    void shouldGiveTheNormsDefaultBudgetOnlyToAttacks() {
        AttackSelection attacks = AttackSelection.parse(AttackSelection.DEFAULT_NAMES, SETTINGS);
        AttackSelection corruptionsOnly = AttackSelection.parse(List.of("jpeg"), SETTINGS);

        assertThat(attacks.epsilons(null, Norm.LINF)).containsExactly(0.03);
        assertThat(attacks.epsilons(null, Norm.L2)).containsExactly(0.5);
        assertThat(attacks.epsilons(List.of(0.1, 0.2), Norm.L2)).containsExactly(0.1, 0.2);
        assertThat(corruptionsOnly.epsilons(List.of(0.1), Norm.LINF)).isEmpty();
    }

    @Test
    void shouldNameTheKnownAttacksForAnUnknownOne() {
        assertThatThrownBy(() -> AttackSelection.parse(List.of("fgsm", "deepfool"), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown attack 'deepfool' (known: fgsm, pgd, apgd, square, spsa, noise")
                .hasMessageEndingWith(", corruptions)");
    }
}
