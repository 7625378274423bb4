package io.jenkins.plugins.secmlops.realjenkins;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Test data from the {@code shared/} folder beside the checkout. Where it is absent the test is skipped with
 * a message naming what is missing, except where {@code SECMLOPS_REQUIRE_SHARED_DATA=true} (CI), where a
 * missing folder fails the test instead of skipping it.
 */
final class SharedData {
    static final String REQUIRE_VARIABLE = "SECMLOPS_REQUIRE_SHARED_DATA";

    private SharedData() {
    }

    static Path require(String relative, String what) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        String message = "shared/" + relative + " (" + what + ") is not beside this checkout";
        if ("true".equals(System.getenv(REQUIRE_VARIABLE))) {
            throw new IllegalStateException(message + ", and " + REQUIRE_VARIABLE + "=true forbids skipping");
        }
        Assumptions.abort("skipped: " + message);
        return null;
    }
}
