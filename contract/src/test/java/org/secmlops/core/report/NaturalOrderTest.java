package org.secmlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NaturalOrderTest {
    @TempDir
    Path dir;

    @Test
    void digitRunsCompareAsNumbers() {
        List<String> ids = new ArrayList<>(List.of("s10", "s2", "line 100", "line 9", "s1", "img/b.png", "img/a.png",
                "s99999999999999999999", "s100000000000000000000"));

        ids.sort(NaturalOrder.INSTANCE);

        assertThat(ids).containsExactly("img/a.png", "img/b.png", "line 9", "line 100", "s1", "s2", "s10",
                "s99999999999999999999", "s100000000000000000000");
    }

    @Test
    void leadingZerosTieOnValueAndThenFallBackToPlainOrder() {
        assertThat(NaturalOrder.INSTANCE.compare("s01", "s1")).isNotZero()
                .isEqualTo(-NaturalOrder.INSTANCE.compare("s1", "s01"));
        assertThat(NaturalOrder.INSTANCE.compare("s01", "s2")).isNegative();
    }

    @Test
    void classNamesComeFromAListOrAFileAndFallBackToTheIndex() throws Exception {
        ClassNames listed = ClassNames.parse("cat, dog");
        Path file = Files.writeString(dir.resolve("labels.txt"), "zero\none\n\n");
        ClassNames fromFile = ClassNames.parse(file.toString());

        assertThat(listed.names()).containsExactly("cat", "dog");
        assertThat(listed.label(1)).isEqualTo("dog (1)");
        assertThat(listed.label(2)).isEqualTo("2");
        assertThat(fromFile.names()).containsExactly("zero", "one");
        assertThat(ClassNames.parse(null).isEmpty()).isTrue();
    }
}
