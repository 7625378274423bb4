package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormListsTest {
    @Test
    void shouldSplitTheTextOfAFormsTextBoxIntoItems() {
        assertThat(FormLists.split(List.of(" pgd, square  fgsm "), FormLists.NAMES))
                .containsExactly("pgd", "square", "fgsm");
        assertThat(FormLists.split(List.of("[scan, robustness]"), FormLists.NAMES)).containsExactly("scan",
                "robustness");
        assertThat(FormLists.split(List.of("docs/READ ME.md\nnotes, extra/x.txt"), FormLists.PATHS))
                .containsExactly("docs/READ ME.md", "notes", "extra/x.txt");
    }

    @Test
    void shouldKeepAJenkinsfilesListAndDropBlankItems() {
        assertThat(FormLists.split(Arrays.asList("pgd", "", null, "apgd"), FormLists.NAMES))
                .containsExactly("pgd", "apgd");
        assertThat(FormLists.split(List.of(""), FormLists.NAMES)).isEmpty();
        assertThat(FormLists.split(null, FormLists.PATHS)).isEmpty();
    }
}
