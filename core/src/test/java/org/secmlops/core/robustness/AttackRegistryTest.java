package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackRegistryTest {
    private static final AttackSettings SETTINGS = new AttackSettings(Norm.L2, 7, 0.1, false, 2, 300, 4);

    @Test
    void shouldBuildEveryAttackByItsIdWithTheSettings() {
        assertThat(AttackRegistry.ids()).containsExactly("fgsm", "pgd", "apgd", "square", "spsa");
        for (String id : AttackRegistry.ids()) {
            Attack attack = AttackRegistry.create(id.toUpperCase(java.util.Locale.ROOT), SETTINGS);
            assertThat(attack.name()).isEqualTo(id);
            assertThat(attack.norm()).isEqualTo(Norm.L2);
        }
    }

    @Test
    void shouldNameTheKnownAttacksForAnUnknownOne() {
        assertThat(AttackRegistry.contains(" PGD ")).isTrue();
        assertThatThrownBy(() -> AttackRegistry.create("deepfool", SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown attack 'deepfool' (known: fgsm, pgd, apgd, square, spsa)");
    }

    @Test
    void shouldBuildAConfigWithDefaultsAndCheckItAsTheConstructorDoes() {
        RobustnessConfig config = RobustnessConfig.builder()
                .attacks(List.of(AttackRegistry.create("fgsm", SETTINGS))).epsilons(List.of(0.1, 0.3)).build();

        assertThat(config.severities()).containsExactly(1, 2, 3, 4, 5);
        assertThat(config.maxSamples()).isEqualTo(500);
        assertThat(config.gateEpsilon()).isEqualTo(0.3);
        assertThatThrownBy(() -> RobustnessConfig.builder().build()).hasMessageContaining("nothing to run");
        assertThatThrownBy(() -> RobustnessConfig.builder().attacks(List.of(AttackRegistry.create("pgd", SETTINGS)))
                .build()).hasMessageContaining("at least one epsilon");
    }
}
