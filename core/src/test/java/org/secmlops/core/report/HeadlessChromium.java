package org.secmlops.core.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders a local HTML file in headless Chromium (Debian package {@code chromium}) and returns the DOM it built and
 * the console messages it logged. Where Chromium is missing, the calling test is skipped, or fails when
 * {@code SECMLOPS_REQUIRE_SHARED_DATA=true} (CI).
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    /** What the browser made of a page. */
    record Rendered(String dom, List<String> console) {
    }

    private HeadlessChromium() {
    }

    /** Skips the test (or fails it on CI) where Chromium is not installed. */
    static void require() {
        require(BINARY, System.getenv("SECMLOPS_REQUIRE_SHARED_DATA"));
    }

    /**
     * Skips the test where {@code binary} is missing, or fails it when {@code requireSharedData} is {@code true}.
     */
    static void require(Path binary, String requireSharedData) {
        if (Files.isExecutable(binary)) {
            return;
        }
        String message = "headless Chromium is not installed at " + binary + "; install the Debian package chromium"
                + " (apt-get install chromium) to render the reports in a browser";
        if ("true".equals(requireSharedData)) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    /**
     * Loads the page in a fresh profile with no network services and dumps its DOM.
     *
     * @param page the HTML file
     * @param work a private folder for the profile and the logs
     */
    static Rendered render(Path page, Path work) throws IOException, InterruptedException {
        require();
        Path profile = Files.createDirectories(work.resolve("profile-" + page.getFileName()));
        Path dom = work.resolve(page.getFileName() + ".dom.html");
        Path log = work.resolve(page.getFileName() + ".stderr.txt");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                page.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("Chromium did not render " + page + " within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            fail("Chromium exited with " + process.exitValue() + " on " + page + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        List<String> console = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(":CONSOLE") || line.contains("Uncaught")).toList();
        return new Rendered(Files.readString(dom, StandardCharsets.UTF_8), console);
    }
}
