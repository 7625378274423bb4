package org.secmlops.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Test data that is not in this repository: Debian packages and the {@code shared/} folder beside the checkout.
 * Where it is absent, a test that needs it is skipped with a message that names what to install; where the
 * environment variable {@value #REQUIRE_VARIABLE} is {@code true} (CI, which has all of it), it fails instead,
 * so that CI never passes by skipping.
 */
public final class ExternalData {
    /** Set to {@code true} where every piece of external test data must be present. */
    public static final String REQUIRE_VARIABLE = "SECMLOPS_REQUIRE_SHARED_DATA";

    private ExternalData() {
    }

    /** scikit-learn's digits (1,797 × 64, labels 0–9) from Debian's {@code python3-sklearn}. */
    public static Path digitsCsv() {
        return debian(Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"), "python3-sklearn");
    }

    /** The Fashion-MNIST IDX files from Debian's {@code dataset-fashion-mnist}. */
    public static Path fashionMnist() {
        return debian(Path.of("/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist");
    }

    /**
     * The case study's pedestrian frames ({@code casestudy/pedestrian/frames}, 384 × 288 PNGs of OpenCV's
     * {@code vtest.avi}), made by {@code casestudy/pedestrian/frames.py} from Debian's {@code opencv-doc} with
     * {@code python3-opencv}; {@code ./test.sh} makes them. Returns {@code casestudy/pedestrian}.
     */
    public static Path pedestrianCaseStudy() {
        Optional<Path> caseStudy = above(Path.of("casestudy", "pedestrian", "test.json")).map(Path::getParent);
        if (caseStudy.isEmpty()) {
            return absent("casestudy/pedestrian is not above " + Path.of("").toAbsolutePath());
        }
        if (!Files.isRegularFile(caseStudy.get().resolve("frames").resolve("frame_0790.png"))) {
            return absent(caseStudy.get().resolve("frames") + " is missing: run /usr/bin/python3 " + caseStudy.get()
                    .resolve("frames.py") + " (needs Debian's opencv-doc and python3-opencv), or ./test.sh as root");
        }
        return caseStudy.get();
    }

    /** The OpenSSF model-signing reference bundles and keys, {@code shared/oms-test-vectors}. */
    public static Path omsTestVectors() {
        return shared("oms-test-vectors", "the OpenSSF model-signing reference bundles and keys");
    }

    /** A folder or file under {@code shared/} beside the checkout (found by walking up from the working directory). */
    public static Path shared(String relative, String what) {
        Optional<Path> found = above(Path.of("shared").resolve(relative));
        if (found.isPresent()) {
            return found.get();
        }
        return absent("shared/" + relative + " (" + what + ") is not beside this checkout; it is provided to CI");
    }

    /** The path under the working directory or the nearest folder above it where it exists. */
    private static Optional<Path> above(Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return Optional.of(dir.resolve(relative));
            }
        }
        return Optional.empty();
    }

    private static Path debian(Path path, String debianPackage) {
        if (Files.exists(path)) {
            return path;
        }
        return absent(path + " is missing: install Debian's " + debianPackage + " (apt-get install "
                + debianPackage + ", or run ./test.sh as root)");
    }

    private static Path absent(String message) {
        if ("true".equals(System.getenv(REQUIRE_VARIABLE))) {
            throw new IllegalStateException(message + "; " + REQUIRE_VARIABLE + "=true forbids skipping this test");
        }
        Assumptions.abort("skipped: " + message);
        throw new AssertionError("unreachable");
    }
}
