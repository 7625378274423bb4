package org.secmlops.core.report;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class HeadlessChromiumTest {
    private static final Path MISSING = Path.of("/nonexistent/chromium");

    @Test
    void aMissingBrowserSkipsTheTestNamingTheDebianPackage() {
        assertThatThrownBy(() -> HeadlessChromium.require(MISSING, null)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Debian package chromium");
    }

    @Test
    void aMissingBrowserFailsTheTestOnCi() {
        assertThatThrownBy(() -> HeadlessChromium.require(MISSING, "true")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Debian package chromium");
    }
}
